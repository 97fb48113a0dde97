"""Formats seen in decisions from Hong Kong, Macao and Taiwan parties and from organisations:
what goes and what stays, end to end through the redactor."""

from __future__ import annotations

import pytest

from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record

HEAD = "天津市公安局和平分局\n行政处罚决定书\n津公和（治）行罚决字〔2024〕第0311号\n"
TAIL = (
    "\n根据《中华人民共和国居民身份证法》第十七条之规定，决定对其处罚款五百元。\n"
    "如不服本决定，可在收到本决定书之日起六十日内向天津市和平区人民政府申请行政复议，"
    "或者在六个月内依法向天津市和平区人民法院提起行政诉讼。\n天津市公安局和平分局\n2024年5月6日"
)


def record(party: str, facts: str, **fields):
    row = {
        "source_id": "formats-1",
        "decision_no": "津公和（治）行罚决字〔2024〕第0311号",
        "agency": "天津市公安局和平分局",
        "decision_date": "2024-05-06",
        "party_type": "natural_person",
        "party_name": "梁家偉",
        "party_id_type": "港澳居民来往内地通行证",
        "party_id_number": None,
        "party_birth_date": "1986-02-03",
        "violation_type": "冒用他人居民身份证",
        "legal_basis": "《中华人民共和国居民身份证法》第十七条",
        "penalty_types": ["罚款"],
        "fine_amount_yuan": 500,
        "procedure": "general",
        "status": "effective",
        "full_text": HEAD + party + "\n" + facts + TAIL,
    }
    row.update(fields)
    return parse_record(row)


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def test_a_taiwan_address_in_traditional_characters(redactor):
    party = "违法行为人梁家偉，台湾住址台湾省新北市板橋區文化路一段188巷12號5樓。"
    result = redactor.redact(record(party, "经查，梁家偉于2024年4月冒用他人身份证。"))
    assert "板橋區【详细地址】" in result.redacted_text
    assert "188巷" not in result.redacted_text


def test_hong_kong_and_macao_regions_stay(redactor):
    party = "违法行为人梁家偉，住址：香港九龍旺角亞皆老街83號先達廣場12樓1203室。"
    facts = "其澳門居民身份證号码1/428375/6，澳门住址：澳门氹仔布拉干薩街218號海洋花園14樓C座。"
    text = redactor.redact(record(party, facts)).redacted_text
    assert "香港九龍【详细地址】" in text
    assert "澳门氹仔【详细地址】" in text
    assert "1/428375/6" not in text


def test_a_party_named_like_a_district_leaves_the_district(redactor):
    party = "违法行为人和平，男，1986年2月3日出生。"
    facts = "经查，和平于2024年4月在和平区和平路营业厅冒用他人身份证。"
    result = redactor.redact(record(party, facts, party_name="和平"))
    text = result.redacted_text
    assert "和某于2024年4月在和平区和平路营业厅" in text
    assert "天津市和平区人民法院" in text


def test_an_organisations_premises_and_registration_number_stay(redactor):
    party = (
        "被处罚单位：重庆星光年华娱乐有限公司，统一社会信用代码91500103MA60T4KJ8B"
        "（原注册号330102000128461），经营场所：星光年华KTV。"
    )
    result = redactor.redact(
        record(
            party,
            "经查，该单位未按规定登记。",
            party_type="legal_person",
            party_name="重庆星光年华娱乐有限公司",
            party_id_type=None,
            party_birth_date=None,
            party_credit_code="91500103MA60T4KJ8B",
        )
    )
    assert "经营场所：星光年华KTV" in result.redacted_text
    assert "330102000128461" in result.redacted_text


def test_an_id_number_set_off_by_dots(redactor):
    party = "违法行为人梁家偉，身份证号码：420102.19891214.1539。"
    text = redactor.redact(record(party, "经查，其冒用他人身份证。")).redacted_text
    assert "19891214" not in text


def test_the_partys_name_before_a_market_or_a_village_gate_is_still_the_name(redactor):
    party = "违法行为人梁家偉，男。"
    facts = "经查，梁家偉市场内逃跑，民警将梁家偉村口抓获。"
    text = redactor.redact(record(party, facts)).redacted_text
    assert "梁家偉" not in text


def test_a_party_named_like_a_district_is_still_checked_by_the_leak_guard(redactor):
    party = "违法行为人和平，男，1986年2月3日出生。"
    facts = "经查，和平于2024年4月在和平区冒用他人身份证。"
    result = redactor.redact(record(party, facts, party_name="和平"))
    assert "和平区" in result.redacted_text  # the district stays readable …
    assert result.withhold_reason == "leak_guard"  # … and a reviewer decides (fail closed)
