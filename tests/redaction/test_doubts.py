"""Doubts: what the redactor asks a human to read, without repeating personal values."""

from __future__ import annotations

import json

import pytest
from test_engine_cases import ASSAULT, ASSAULT_TEXT

from gongkai.redaction.doubts import find_doubts
from gongkai.redaction.engine import Redactor
from gongkai.redaction.keep import Stretches
from gongkai.redaction.recognizers.known_values import KnownValueRecognizer
from gongkai.redaction.record import parse_record


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def kinds(result) -> list[str]:
    return [d.kind for d in result.doubts]


def test_a_clean_decision_has_no_doubts(redactor):
    assert kinds(redactor.redact(parse_record(ASSAULT))) == []


def test_statement_by_an_unreplaced_person_is_a_doubt():
    # As if every recognizer had missed 王小明: the doubt still points at him.
    text = "以上事实有违法行为人张伟的陈述和申辩，王小明的证言，该单位提出的陈述等证据证实。"
    record = parse_record({**ASSAULT, "full_text": text})
    doubts = find_doubts(record, [], [], Stretches([]), KnownValueRecognizer(record))
    flagged = [text[d.start : d.end] for d in doubts if d.kind == "name_like_left"]
    assert flagged == ["张伟", "王小明"]  # not 该单位提出
    assert all("王小明" not in d.message for d in doubts)


def test_unclassified_long_number_is_a_doubt(redactor):
    text = ASSAULT_TEXT.replace("现场监控视频等", "现场监控视频（存储卡8812734519203）等")
    result = redactor.redact(parse_record({**ASSAULT, "full_text": text}))
    assert "unclassified_number" in kinds(result)


def test_labelled_case_numbers_are_not_doubts(redactor):
    text = ASSAULT_TEXT + "\n案件编号：A4103055201002023030086"
    assert "unclassified_number" not in kinds(
        redactor.redact(parse_record({**ASSAULT, "full_text": text}))
    )


def test_structured_value_missing_from_the_text_is_a_doubt(redactor):
    result = redactor.redact(parse_record({**ASSAULT, "party_id_number": "110101199003074518"}))
    doubts = [d for d in result.doubts if d.kind == "field_value_not_found"]
    assert doubts
    assert "110101199003074518" not in json.dumps(result.to_dict(), ensure_ascii=False)


def test_unfamiliar_layout_is_a_doubt(redactor):
    text = "2024年4月2日张伟打人，罚款五百元。"
    result = redactor.redact(parse_record({**ASSAULT, "full_text": text}))
    assert "unfamiliar_layout" in kinds(result)
