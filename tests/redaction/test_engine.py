"""End-to-end behaviour of the redactor on the bureau's hand-written sample decisions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongkai.redaction import entities
from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record

SAMPLES = Path(__file__).parents[1] / "fixtures" / "sample-export.jsonl"


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture(scope="module")
def samples() -> dict[str, dict]:
    rows = [json.loads(line) for line in SAMPLES.read_text("utf-8").splitlines() if line.strip()]
    return {row["source_id"]: row for row in rows}


def redact(redactor: Redactor, row: dict):
    return redactor.redact(parse_record(row))


def test_party_identifiers_never_survive(redactor, samples):
    for row in samples.values():
        result = redact(redactor, row)
        text = result.redacted_text
        if row["party_type"] == "natural_person":
            assert row["party_name"] not in text
        if row.get("party_id_number"):
            assert row["party_id_number"] not in text
        # no 11-digit mobile number and no 18-digit ID survives anywhere
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), row["source_id"]
        assert not re.search(r"(?<!\d)\d{17}[\dXx](?!\d)", text), row["source_id"]


def test_everyone_named_gets_a_pseudonym(redactor, samples):
    result = redact(redactor, samples["synthetic-ly-2023-0001"])
    text = result.redacted_text
    for name in ("孙海涛", "李振华", "韩磊", "杨丽娟", "高秀梅"):
        assert name not in text
    assert "违法行为人孙某" in text
    assert "民警李某带领辅警韩某" in text


def test_same_surname_people_are_told_apart_consistently(redactor, samples):
    result = redact(redactor, samples["synthetic-ly-2023-0006"])
    text = result.redacted_text
    assert "违法行为人王某1" in text
    assert "其弟王某2、堂弟王某3、王某4" in text
    assert "现决定给予王某1行政拘留" in text  # same person, same pseudonym, far from the first
    by_replacement = {}
    source = samples["synthetic-ly-2023-0006"]["full_text"]
    for span in result.spans:
        if span.type == "PERSON":
            by_replacement.setdefault(span.replacement, set()).add(source[span.start : span.end])
    assert all(len(names) == 1 for names in by_replacement.values())


def test_word_names_are_found_through_their_role(redactor, samples):
    result = redact(redactor, samples["synthetic-ly-2023-0007"])
    assert "检查人员邵某、田某依法" in result.redacted_text


def test_foreign_party_latin_and_chinese_names_share_one_pseudonym(redactor, samples):
    result = redact(redactor, samples["synthetic-ly-2023-0005"])
    text = result.redacted_text
    assert "NGUYEN" not in text and "阮氏红" not in text
    assert "违法行为人：阮某（中文译名：阮某）" in text


def test_what_the_public_must_see_stays(redactor, samples):
    row = samples["synthetic-ly-2023-0004"]
    text = redact(redactor, row).redacted_text
    for kept in (
        row["decision_no"],
        row["agency"],
        row["party_name"],
        row["party_credit_code"],
        "《中华人民共和国网络安全法》第四十四条",
        "人民币壹万贰仟肆佰伍拾元整（¥12450.00）",
        "洛阳市西工区人民法院",
        "河南省洛阳市涧西区",
    ):
        assert kept in text


def test_withholding_reasons(redactor, samples):
    assert (
        redact(redactor, samples["synthetic-ly-2023-0002"]).withhold_reason == "summary_procedure"
    )
    minor = redact(redactor, samples["synthetic-ly-2023-0008"])
    assert not minor.publishable
    assert minor.withhold_reason == "minor"
    assert redact(redactor, samples["synthetic-ly-2023-0001"]).publishable


def test_spans_are_offsets_into_the_original(redactor, samples):
    row = samples["synthetic-ly-2023-0003"]
    result = redact(redactor, row)
    rebuilt, last = [], 0
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(row["full_text"])
        rebuilt.append(row["full_text"][last : span.start] + span.replacement)
        last = span.end
    rebuilt.append(row["full_text"][last:])
    assert "".join(rebuilt) == result.redacted_text


def test_output_json_holds_no_original_value(redactor, samples):
    row = samples["synthetic-ly-2023-0001"]
    dumped = json.dumps(redact(redactor, row).to_dict(), ensure_ascii=False)
    for value in (row["party_name"], row["party_id_number"], "13903792586", "13837916024"):
        assert value not in dumped


def test_leak_guard_fails_closed(redactor, samples, monkeypatch):
    import gongkai.redaction.engine as engine

    row = dict(samples["synthetic-ly-2023-0001"])
    # Simulate a recognizer bug: merging loses every detection.
    monkeypatch.setattr(engine, "merge", lambda detections: [])
    result = redact(redactor, row)
    assert not result.publishable
    assert result.withhold_reason == "leak_guard"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("\u212a", "京A12\u212a45"),  # Kelvin sign for K in a plate
        ("\u0131", "l\u0131s1985@163.com"),  # dotless i in an e-mail address
        ("\u017f", "wx_\u017fun1985"),  # long s in a WeChat ID
    ],
)
def test_letters_that_case_fold_to_ascii_do_not_hide_an_identifier(
    redactor, samples, written, value
):
    row = dict(samples["synthetic-ly-2023-0001"])
    added = f"。联系信息：车牌 {value}，微信号：{value}。"
    row["full_text"] = row["full_text"].replace("。", added, 1)
    result = redact(redactor, row)
    assert written not in result.redacted_text
    assert value not in result.redacted_text


def test_leak_guard_reads_letters_that_case_fold_to_ascii(redactor, samples, monkeypatch):
    import gongkai.redaction.engine as engine

    row = dict(samples["synthetic-ly-2023-0001"])
    row["full_text"] = row["full_text"].replace("。", "。涉案车辆号牌京A12\u212a45。", 1)
    real_merge = engine.merge

    def merge_without_plates(detections):
        return real_merge([d for d in detections if d.type != entities.PLATE])

    monkeypatch.setattr(engine, "merge", merge_without_plates)
    result = redact(redactor, row)
    assert "京A12\u212a45" in result.redacted_text
    assert result.withhold_reason == "leak_guard"
