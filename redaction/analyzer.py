"""The Presidio ``AnalyzerEngine`` for Chinese, built with no model download.

Gongkai's recognizers read the raw text themselves (Chinese context is a matter of the
characters next to a match, not of tokens), so the engine uses Presidio's ``NoOpNlpEngine``:
no spaCy model, nothing fetched, fast start-up.
"""

from __future__ import annotations

from presidio_analyzer import (
    AnalyzerEngine,
    ContextAwareEnhancer,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine

from gongkai.redaction.recognizers.address import DetailedAddressRecognizer
from gongkai.redaction.recognizers.bank_card import BankCardRecognizer
from gongkai.redaction.recognizers.birth_date import BirthDateRecognizer
from gongkai.redaction.recognizers.dotted_name import DottedNameRecognizer
from gongkai.redaction.recognizers.han_name import HanNameRecognizer
from gongkai.redaction.recognizers.health import HealthRecognizer
from gongkai.redaction.recognizers.latin_name import LatinNameRecognizer
from gongkai.redaction.recognizers.phone import PhoneRecognizer, SpelledPhoneRecognizer
from gongkai.redaction.recognizers.plate import LicencePlateRecognizer
from gongkai.redaction.recognizers.resident_id import ResidentIdRecognizer

LANGUAGE = "zh"


class CharactersOnlyNlpEngine(NoOpNlpEngine):
    """Presidio's no-op NLP engine, handing out one shared set of empty artifacts.

    The stock engine builds an empty spaCy ``Doc`` for every text; no Gongkai recognizer reads
    tokens, so one empty set per language serves every call.
    """

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "none"}])
        self._empty: dict[str, NlpArtifacts] = {}

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        self._validate_string(text, "text")
        if language not in self._empty:
            self._empty[language] = super().process_text(text, language)
        return self._empty[language]


class CharacterContextOnly(ContextAwareEnhancer):
    """Leaves context to the recognizers themselves.

    Presidio's default enhancer looks for context words among tokens and lemmas, which a
    Chinese text without a model does not have; it would only cost time (a deep copy of every
    result per call). Gongkai's recognizers look at the characters before a match instead.
    """

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0.0,
            min_score_with_context_similarity=0.0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


def identifier_recognizers() -> list[EntityRecognizer]:
    """Recognizers of identifiers and contact data (also what the leak guard re-runs)."""
    from gongkai.redaction.recognizers import (
        account,
        email,
        ip_address,
        qq,
        travel_document,
        vin,
        wechat,
    )

    return [
        ResidentIdRecognizer(),
        PhoneRecognizer(),
        SpelledPhoneRecognizer(),
        BankCardRecognizer(),
        LicencePlateRecognizer(),
        travel_document.TravelDocumentRecognizer(),
        email.EmailRecognizer(),
        qq.QqRecognizer(),
        wechat.WeChatRecognizer(),
        ip_address.IpAddressRecognizer(),
        vin.VinRecognizer(),
        vin.VehicleNumberRecognizer(),
        account.AccountRecognizer(),
    ]


def all_recognizers() -> list[EntityRecognizer]:
    return [
        *identifier_recognizers(),
        DetailedAddressRecognizer(),
        BirthDateRecognizer(),
        HealthRecognizer(),
        HanNameRecognizer(),
        DottedNameRecognizer(),
        LatinNameRecognizer(),
    ]


class ChineseAnalyzerEngine(AnalyzerEngine):
    """Presidio's engine with a linear context step.

    The stock step filters every result list once per recognizer (results × recognizers work,
    most of it for recognizers that found nothing). Here results are grouped by recognizer in
    one pass and each recognizer's own context hook sees its results, as before.
    """

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        by_recognizer: dict[str, list[RecognizerResult]] = {}
        for result in raw_results:
            by_recognizer.setdefault(result.recognition_metadata[key], []).append(result)
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            own = by_recognizer.get(recognizer.id)
            if own:
                results += recognizer.enhance_using_context(
                    text=text,
                    raw_recognizer_results=own,
                    other_raw_recognizer_results=[],
                    nlp_artifacts=nlp_artifacts,
                    context=context,
                )
        return self.context_aware_enhancer.enhance_using_context(
            text=text,
            raw_results=results,
            nlp_artifacts=nlp_artifacts,
            recognizers=recognizers,
            context=context,
        )


def build_analyzer(recognizers: list[EntityRecognizer] | None = None) -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in recognizers if recognizers is not None else all_recognizers():
        registry.add_recognizer(recognizer)
    nlp_engine = CharactersOnlyNlpEngine()
    nlp_engine.load()
    return ChineseAnalyzerEngine(
        nlp_engine=nlp_engine,
        registry=registry,
        supported_languages=[LANGUAGE],
        context_aware_enhancer=CharacterContextOnly(),
    )
