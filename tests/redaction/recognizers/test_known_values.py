"""KnownValueRecognizer: the party's own name, ID number and birth date, however written."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.known_values import (
    KnownValueRecognizer,
    birth_date_regex,
    party_name_parts,
)
from gongkai.redaction.record import parse_record

BASE = {
    "source_id": "test-kv-1",
    "decision_no": "洛公涧（天）行罚决字〔2023〕00086号",
    "agency": "洛阳市公安局涧西分局",
    "decision_date": "2023-03-17",
    "party_type": "natural_person",
    "party_name": "孙海涛",
    "party_id_type": "居民身份证",
    "party_id_number": "410305198607210313",
    "party_birth_date": "1986-07-21",
    "violation_type": "阻碍执行职务",
    "legal_basis": "《中华人民共和国治安管理处罚法》第五十条",
    "penalty_types": ["行政拘留"],
    "fine_amount_yuan": 0,
    "status": "effective",
    "full_text": "（正文）",
}


def record(**changes):
    return parse_record({**BASE, **changes})


def hits(rec, text):
    return [(text[r.start : r.end], r.entity_type) for r in KnownValueRecognizer(rec).analyze(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("违法行为人孙海涛，男，36岁", "孙海涛"),
        ("违法行为人孙 海 涛，男", "孙 海 涛"),
        ("违法行为人孙　海　涛，男", "孙　海　涛"),  # ideographic spaces
        ("被处罚人签名：孙海 涛", "孙海 涛"),
    ],
)
def test_party_name_however_spaced(text, value):
    assert (value, entities.PERSON) in hits(record(), text)


@pytest.mark.parametrize(
    "written",
    [
        "410305198607210313",
        "４１０３０５１９８６０７２１０３１３",  # full-width
        "410305 19860721 0313",
        "410305-19860721-0313",
        "4103 0519 8607 2103 13",
        "41030519860721031３",  # one full-width digit typed by mistake
    ],
)
def test_party_id_number_however_written(written):
    text = f"身份证件种类及号码：居民身份证{written}，户籍所在地"
    assert (written, entities.ID_NUMBER) in hits(record(), text)


@pytest.mark.parametrize(
    "written",
    [
        "41031120060214019X",
        "41031120060214019x",
        "41031120060214019Ｘ",
        "４１０３１１２００６０２１４０１９ｘ",
        "410311 20060214 019X",
    ],
)
def test_id_number_with_check_letter_in_any_case(written):
    rec = record(party_id_number="41031120060214019X", party_birth_date="2006-02-14")
    text = f"居民身份证{written}，现住址"
    assert (written, entities.ID_NUMBER) in hits(rec, text)


@pytest.mark.parametrize(
    "written",
    [
        "1986年7月21日",
        "1986年07月21日",
        "1986-07-21",
        "1986.07.21",
        "1986.7.21",
        "1986/7/21",
        "19860721",
        "一九八六年七月二十一日",
        "１９８６年７月２１日",
    ],
)
def test_birth_date_however_written(written):
    text = f"违法行为人某某，男，出生日期：{written}，汉族"
    assert (written, entities.BIRTH_DATE) in hits(record(), text)


def test_chinese_numeral_birth_date_with_zero():
    rec = record(party_id_number="41031120060214019X", party_birth_date="2006-02-14")
    text = "违法行为人某某，男，二〇〇六年二月十四日出生"
    assert ("二〇〇六年二月十四日", entities.BIRTH_DATE) in hits(rec, text)


def test_other_dates_and_other_people_are_not_hit():
    text = (
        "现查明：2023年3月16日21时40分许，民警李振华带领辅警韩磊出警。"
        "证人高秀梅，女，1968年7月21日出生，身份证号410305196807210321。"
    )
    assert hits(record(), text) == []


def test_foreign_party_latin_and_chinese_names_case_insensitive():
    rec = record(
        party_name="NGUYEN THI HONG（阮氏红）",
        party_id_type="护照",
        party_id_number="C4815926",
        party_birth_date="1995-08-17",
    )
    assert party_name_parts(rec.party_name) == ["NGUYEN THI HONG", "阮氏红"]
    for written in (
        "NGUYEN THI HONG",
        "Nguyen Thi Hong",
        "nguyen thi hong",
        "NGUYEN  THI HONG",
        "ＮＧＵＹＥＮ　ＴＨＩ　ＨＯＮＧ",
    ):
        text = f"违法行为人{written}系越南籍"
        assert (written, entities.PERSON) in hits(rec, text), written
    assert ("阮 氏 红", entities.PERSON) in hits(rec, "中文译名：阮 氏 红，女")
    for written in ("C4815926", "c4815926", "C 4815926", "Ｃ４８１５９２６"):
        text = f"护照号码：{written}，"
        assert (written, entities.TRAVEL_DOC) in hits(rec, text), written


def test_organisation_name_is_not_a_personal_value():
    rec = record(
        party_type="legal_person",
        party_name="洛阳澜星教育信息咨询有限公司",
        party_id_type=None,
        party_id_number=None,
        party_birth_date=None,
        party_credit_code="91410305MA9K4T2R6Q",
    )
    text = "被处罚单位：洛阳澜星教育信息咨询有限公司，统一社会信用代码：91410305MA9K4T2R6Q"
    assert hits(rec, text) == []


@pytest.mark.parametrize(
    "written",
    ["1986年7月21日", "1986年07月21日", "1986 年 7 月 21 日", "1986年7月21号", "1986-07-21",
     "1986.7.21", "1986/07/21", "19860721", "一九八六年七月二十一日"],
)  # fmt: skip
def test_birth_date_regex_covers_the_usual_forms(written):
    import datetime as dt
    import re

    assert re.fullmatch(birth_date_regex(dt.date(1986, 7, 21)), written)


def test_birth_date_regex_does_not_match_another_day():
    import datetime as dt
    import re

    pattern = birth_date_regex(dt.date(1986, 7, 21))
    for other in ("1986年7月12日", "1986-07-2", "1986年7月211日", "19860712"):
        assert not re.fullmatch(pattern, other)
    assert re.fullmatch(birth_date_regex(dt.date(2006, 2, 14)), "二〇〇六年二月十四日")
    assert re.fullmatch(birth_date_regex(dt.date(2006, 2, 14)), "二零零六年二月十四日")


# --- birth dates written other ways (formerly known gaps) ---

KNOWN_DATES = [
    ("1986-07-21", "出生日期：1986 年 7 月 21 日", "1986 年 7 月 21 日"),
    ("2006-02-14", "二零零六年二月十四日出生", "二零零六年二月十四日"),
    ("2006-02-14", "二○○六年二月十四日出生", "二○○六年二月十四日"),
    ("2006-02-14", "2006年2月14号出生", "2006年2月14号"),
]


@pytest.mark.parametrize(("birth", "text", "value"), KNOWN_DATES)
def test_birth_dates_written_other_ways(birth, text, value):
    rec = record(party_birth_date=birth)
    hits = [text[r.start : r.end] for r in KnownValueRecognizer(rec).analyze(text)]
    assert value in hits
