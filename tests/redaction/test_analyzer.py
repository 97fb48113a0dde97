"""The engine's short path for the redactor's call gives what Presidio's own analyze gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerResult

from gongkai.redaction import entities
from gongkai.redaction.analyzer import LANGUAGE, build_analyzer
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer
from gongkai.redaction.record import parse_record
from gongkai.synthetic import generate

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _records() -> list:
    rows = [row for row, _ in generate(120, 7)]
    for export in sorted(FIXTURES.glob("*/export.jsonl")):
        for line in export.read_text("utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    records = []
    for row in rows:
        try:
            records.append(parse_record(row))
        except ValueError:
            continue  # the quarantine fixtures hold deliberately bad rows
    return records


def _key(result: RecognizerResult) -> tuple:
    explanation = result.analysis_explanation
    return (
        result.start,
        result.end,
        result.entity_type,
        result.score,
        explanation and explanation.textual_explanation,
        explanation and explanation.pattern_name,
        explanation and explanation.supportive_context_word,
        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY in result.recognition_metadata,
    )


@pytest.mark.parametrize("decision_process", [True, False])
def test_short_path_gives_presidios_results_in_presidios_order(decision_process: bool) -> None:
    engine = build_analyzer()
    records = _records()
    assert len(records) > 200
    found = 0
    for record in records:
        kwargs = {
            "language": LANGUAGE,
            "return_decision_process": decision_process,
            "score_threshold": 0.25,
        }
        ours = engine.analyze(
            record.full_text, ad_hoc_recognizers=[KnownValueRecognizer(record)], **kwargs
        )
        presidio = AnalyzerEngine.analyze(
            engine, record.full_text, ad_hoc_recognizers=[KnownValueRecognizer(record)], **kwargs
        )
        assert [_key(r) for r in ours] == [_key(r) for r in presidio], record.source_id
        found += len(ours)
    assert found > 1000


def test_other_calls_take_presidios_path() -> None:
    engine = build_analyzer()
    text = "违法行为人张伟，男，身份证号码110101199003074514，联系电话13812345678。"
    people = engine.analyze(text, language=LANGUAGE, entities=[entities.PERSON])
    assert people and {r.entity_type for r in people} == {entities.PERSON}
    everything = engine.analyze(text, language=LANGUAGE, score_threshold=0.5)
    assert {entities.PERSON, entities.ID_NUMBER, entities.PHONE} <= {
        r.entity_type for r in everything
    }
