"""The Presidio ``AnalyzerEngine`` for Chinese, built with no model download.

Gongkai's recognizers read the raw text themselves (Chinese context is a matter of the
characters next to a match, not of tokens), so the engine uses Presidio's ``NoOpNlpEngine``:
no spaCy model, nothing fetched, fast start-up.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import (
    AnalyzerEngine,
    ContextAwareEnhancer,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine

from gongkai.redaction.recognizers.address import DetailedAddressRecognizer
from gongkai.redaction.recognizers.bank_card import BankCardRecognizer, MaskedCardRecognizer
from gongkai.redaction.recognizers.base import remove_duplicates
from gongkai.redaction.recognizers.birth_date import BirthDateRecognizer
from gongkai.redaction.recognizers.dotted_name import DottedNameRecognizer
from gongkai.redaction.recognizers.han_name import HanNameRecognizer
from gongkai.redaction.recognizers.health import HealthRecognizer
from gongkai.redaction.recognizers.latin_name import LatinNameRecognizer
from gongkai.redaction.recognizers.phone import PhoneRecognizer, SpelledPhoneRecognizer
from gongkai.redaction.recognizers.plate import LicencePlateRecognizer
from gongkai.redaction.recognizers.resident_id import (
    ResidentIdRecognizer,
    SpelledResidentIdRecognizer,
)
from gongkai.redaction.recognizers.table_name import TableNameRecognizer

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
        SpelledResidentIdRecognizer(),
        PhoneRecognizer(),
        SpelledPhoneRecognizer(),
        BankCardRecognizer(),
        MaskedCardRecognizer(),
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
        TableNameRecognizer(),
    ]


class ChineseAnalyzerEngine(AnalyzerEngine):
    """Presidio's engine with a linear context step and a short path for the redactor's call.

    The stock context step filters every result list once per recognizer (results ×
    recognizers work, most of it for recognizers that found nothing). Here results are grouped
    by recognizer in one pass and each recognizer's own context hook sees its results, as
    before.

    The redactor calls :meth:`analyze` for all entities with an explicit score threshold and
    no allow list; that call takes Presidio's steps in Presidio's order (recognizers, context,
    low scores, duplicates) without looking the recognizers up twice and with the duplicate
    removal that does not format a string per result. Any other call is Presidio's own.
    """

    def analyze(  # type: ignore[override]
        self,
        text: str,
        language: str,
        entities: list[str] | None = None,
        correlation_id: str | None = None,
        score_threshold: float | None = None,
        return_decision_process: bool | None = False,
        ad_hoc_recognizers: list[EntityRecognizer] | None = None,
        context: list[str] | None = None,
        allow_list: list[str] | None = None,
        nlp_artifacts: NlpArtifacts | None = None,
        **options: Any,
    ) -> list[RecognizerResult]:
        if (
            entities
            or allow_list
            or options
            or score_threshold is None
            or self.log_decision_process
        ):
            return super().analyze(
                text,
                language,
                entities=entities,
                correlation_id=correlation_id,
                score_threshold=score_threshold,
                return_decision_process=return_decision_process,
                ad_hoc_recognizers=ad_hoc_recognizers,
                context=context,
                allow_list=allow_list,
                nlp_artifacts=nlp_artifacts,
                **options,
            )
        recognizers = self.registry.get_recognizers(
            language=language, all_fields=True, ad_hoc_recognizers=ad_hoc_recognizers
        )
        supported = list({e for r in recognizers for e in r.get_supported_entities()})
        if nlp_artifacts is None:
            nlp_artifacts = self.nlp_engine.process_text(text, language)
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
            found = recognizer.analyze(text=text, entities=supported, nlp_artifacts=nlp_artifacts)
            for result in found or ():
                if not result.recognition_metadata:
                    result.recognition_metadata = {}
                result.recognition_metadata.setdefault(key, recognizer.id)
                results.append(result)
        results = self._enhance_using_context(text, results, nlp_artifacts, recognizers, context)
        results = remove_duplicates([r for r in results if r.score >= score_threshold])
        if not return_decision_process:
            for result in results:
                result.analysis_explanation = None
        return results

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
