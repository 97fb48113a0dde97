"""The leak guard: scan the *redacted* text again, fail closed on any hit.

Two checks: every known personal value of the record (party name, ID number, birth date),
however spaced or written; and every identifier pattern the recognizers know. Anything found
outside the stretches that must stay readable makes the decision unpublishable.
"""

from __future__ import annotations

from presidio_analyzer import AnalyzerEngine

from gongkai.redaction import entities
from gongkai.redaction.analyzer import LANGUAGE
from gongkai.redaction.keep import inside_any, keep_spans
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.result import Withholding


def find_leaks(
    redacted_text: str,
    record: DecisionRecord,
    analyzer: AnalyzerEngine,
    threshold: float,
    replacements: list[tuple[int, int]],
) -> list[str]:
    """Entity types still present in ``redacted_text`` (empty when it is clean).

    ``replacements`` are where placeholders and pseudonyms stand in the redacted text; a
    match that lies wholly inside one is the placeholder itself (昵称“【账号】”), not a leak.
    """
    # The party's own values are a leak wherever they stand, kept stretches included.
    known = KnownValueRecognizer(record)
    leaked = {
        r.entity_type
        for r in known.analyze(redacted_text)
        if not inside_any(r.start, r.end, replacements)
    }
    keep = keep_spans(record, redacted_text) + replacements
    for result in analyzer.analyze(redacted_text, language=LANGUAGE, score_threshold=threshold):
        if result.entity_type in entities.IDENTIFIER_TYPES and not inside_any(
            result.start, result.end, keep
        ):
            leaked.add(result.entity_type)
    return sorted(leaked)


def leak_withholding(leaked: list[str]) -> Withholding:
    return Withholding(
        "leak_guard",
        "脱敏后复查仍发现个人信息（" + "、".join(leaked) + "），为防泄露暂不公开，须人工复核",
    )
