"""Rendering from annotations: machine detections with human corrections on top."""

from __future__ import annotations

import re

import pytest
from test_engine_cases import ASSAULT

from gongkai.redaction import entities
from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record
from gongkai.redaction.render import Annotation, merge, occurrences, resolve


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture(scope="module")
def record():
    return parse_record(ASSAULT)


@pytest.fixture(scope="module")
def machine(redactor, record) -> list[Annotation]:
    result = redactor.redact(record)
    return [
        Annotation(s.start, s.end, s.type, "redact", s.recognizer, s.score, s.explanation)
        for s in result.spans
    ]


def human(text: str, value: str, type_: str, action: str = "redact") -> list[Annotation]:
    return [
        Annotation(start, end, type_, action, "user:alice", 1.0, "marked by a reviewer", True)
        for start, end in occurrences(text, value)
    ]


def test_rendering_the_machine_annotations_gives_the_redactors_text(redactor, record, machine):
    first = redactor.redact(record)
    again = redactor.rerender(record, machine)
    assert again.redacted_text == first.redacted_text
    assert again.spans == first.spans
    assert again.publishable == first.publishable


def test_a_marked_value_is_replaced_at_every_occurrence(redactor, record, machine):
    text = record.full_text
    assert text.count("经三路") == 1 and text.count("蜀香园") == 1
    result = redactor.rerender(record, machine + human(text, "饭店", entities.ADDRESS))
    assert "饭店" not in result.redacted_text
    assert result.redacted_text.count(entities.placeholder(entities.ADDRESS)) >= text.count("饭店")
    assert result.publishable


def test_a_marked_missed_name_gets_a_pseudonym_everywhere(redactor, record, machine):
    text = record.full_text.replace("饭店厨师", "饭店厨师，另有顾客欧阳娜娜在场") + "\n欧阳娜娜签名"
    rec = parse_record({**ASSAULT, "full_text": text})
    base = [a for a in machine if a.end <= text.index("另有")]  # offsets before the edit hold
    result = redactor.rerender(rec, base + human(text, "欧阳娜娜", entities.PERSON))
    assert "欧阳娜娜" not in result.redacted_text
    assert result.redacted_text.count("欧阳某") == 2


def test_unmarking_a_false_positive_keeps_it_readable_everywhere(redactor, record, machine):
    text = record.full_text
    witness = "田野"
    assert any(text[a.start : a.end] == witness for a in machine)
    result = redactor.rerender(record, machine + human(text, witness, entities.PERSON, "keep"))
    assert result.redacted_text.count(witness) == text.count(witness)
    # The other people keep their pseudonyms.
    assert "张某1" in result.redacted_text and "张某2" in result.redacted_text


def test_undoing_a_correction_restores_the_machine_rendering(redactor, record, machine):
    text = record.full_text
    keep = human(text, "田野", entities.PERSON, "keep")
    marked_again = human(text, "田野", entities.PERSON)
    result = redactor.rerender(record, machine + keep + marked_again)
    assert "田野" not in result.redacted_text
    assert result.redacted_text == redactor.rerender(record, machine).redacted_text


def test_unmarking_the_partys_own_name_is_caught_by_the_leak_guard(redactor, record, machine):
    text = record.full_text
    result = redactor.rerender(record, machine + human(text, "张伟", entities.PERSON, "keep"))
    assert "张伟" in result.redacted_text
    assert not result.publishable
    assert "leak_guard" in [w.reason for w in result.withholdings]


def test_unmarking_an_id_number_is_caught_by_the_leak_guard(redactor, record, machine):
    text = record.full_text
    id_span = next(a for a in machine if a.type == entities.ID_NUMBER)
    value = text[id_span.start : id_span.end]
    result = redactor.rerender(record, machine + human(text, value, entities.ID_NUMBER, "keep"))
    assert not result.publishable
    assert result.withholdings[-1].reason == "leak_guard"


def test_resolve_applies_corrections_in_order():
    a = Annotation(0, 4, "PERSON")
    keep = Annotation(2, 3, "PERSON", "keep", human=True)
    redo = Annotation(1, 3, "ADDRESS", human=True)
    assert resolve([a, keep]) == []
    assert resolve([a, keep, redo]) == [redo]
    assert resolve([keep, a]) == [a]


def test_overlapping_annotations_merge_into_their_union():
    merged = merge([Annotation(0, 4, "PERSON"), Annotation(3, 9, "ADDRESS")])
    assert [(m.start, m.end, m.type) for m in merged] == [(0, 9, "ADDRESS")]


def test_occurrences_finds_each_place_and_ignores_blank_values():
    assert occurrences("张三打了张三", "张三") == [(0, 2), (4, 6)]
    assert occurrences("张三", "  ") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("违法行为人杨过（曾用名：杨改之）于当日到案，杨改之对违法事实供认不讳。", "杨某"),
        ("同案人常青（外号“小四”）参与赌博，小四赢得赌资八百元。", "常某"),
    ],
)
def test_another_name_of_the_same_person_gets_the_same_pseudonym(redactor, sentence, expected):
    row = dict(ASSAULT, full_text=ASSAULT["full_text"] + "\n" + sentence)
    result = redactor.redact(parse_record(row))
    added = result.redacted_text.rsplit("\n", 1)[1]
    assert added.count(expected) == 3, added
    assert "某1" not in added and "某2" not in added


def test_a_name_after_self_described_as_is_someone_else(redactor):
    sentence = "被侵害人张伟报警称，同案人刘晨阳，自称张伟的表哥，向其借钱。"
    row = dict(ASSAULT, full_text=ASSAULT["full_text"] + "\n" + sentence)
    added = redactor.redact(parse_record(row)).redacted_text.rsplit("\n", 1)[1]
    victim = re.findall("张某[0-9]*", added)
    assert len(victim) == 2 and len(set(victim)) == 1, added  # one person, twice
    assert "张伟" not in added and "自称刘" not in added
