"""Withholding rules: minors, summary procedure, confidential, not effective."""

from __future__ import annotations

import dataclasses

import pytest

from gongkai.redaction.policy import PolicySettings, act_date, withholdings
from gongkai.redaction.record import parse_record

SETTINGS = PolicySettings()

HEAD = "洛阳市公安局洛龙分局\n行政处罚决定书\n洛公龙（开元）行罚决字〔2023〕00153号\n"
TAIL = (
    "根据《中华人民共和国治安管理处罚法》第四十九条之规定，现决定对刘晨阳处以罚款五百元。\n"
    "如不服本决定，可以在收到本决定书之日起六十日内向洛阳市公安局申请行政复议。\n"
    "洛阳市公安局洛龙分局\n"
)


def text_with(party: str, facts: str) -> str:
    return HEAD + party + "\n" + facts + "\n" + TAIL


PARTY = "违法行为人刘晨阳，男，居民身份证号码见卷，现住洛阳市洛龙区。"
FACTS = (
    "现查明：2023年6月10日21时许，刘晨阳在洛龙区开元大道一超市内盗窃洗发水两瓶，价值人民币86元。"
)


def person(**changes):
    row = {
        "source_id": "test-policy",
        "decision_no": "洛公龙（开元）行罚决字〔2023〕00153号",
        "agency": "洛阳市公安局洛龙分局",
        "decision_date": "2023-07-01",
        "party_type": "natural_person",
        "party_name": "刘晨阳",
        "party_id_type": "居民身份证",
        "party_id_number": "410311199001020512",
        "party_birth_date": "1990-01-02",
        "violation_type": "盗窃",
        "legal_basis": "《中华人民共和国治安管理处罚法》第四十九条",
        "penalty_types": ["罚款"],
        "fine_amount_yuan": 500,
        "procedure": "general",
        "status": "effective",
        "full_text": text_with(PARTY, FACTS),
    }
    row.update(changes)
    return parse_record(row)


def reasons(record, settings=SETTINGS):
    return [w.reason for w in withholdings(record, settings)]


# --- the baseline ------------------------------------------------------------------------------


def test_an_ordinary_adult_decision_is_not_withheld():
    assert reasons(person()) == []


# --- minors ------------------------------------------------------------------------------------


def test_act_date_is_taken_from_the_facts():
    assert act_date(person()).isoformat() == "2023-06-10"


def test_a_birth_date_in_the_facts_is_not_the_act_date():
    text = text_with(PARTY, "经查，刘晨阳（男，1983年5月25日生）于2023年6月10日在家中赌博。")
    assert act_date(person(full_text=text)).isoformat() == "2023-06-10"


def test_act_date_in_chinese_numerals():
    facts = "经查，二〇二三年六月九日晚，刘晨阳在超市内盗窃洗发水两瓶。"
    assert act_date(person(full_text=text_with(PARTY, facts))).isoformat() == "2023-06-09"


def test_act_date_falls_back_to_the_decision_date():
    facts = "现查明：刘晨阳在洛龙区开元大道一超市内盗窃洗发水两瓶。"
    assert act_date(person(full_text=text_with(PARTY, facts))).isoformat() == "2023-07-01"


def test_a_date_after_the_decision_is_not_the_act_date():
    facts = "现查明：2024年6月9日，刘晨阳在超市内盗窃。"
    assert act_date(person(full_text=text_with(PARTY, facts))).isoformat() == "2023-07-01"


def test_eighteenth_birthday_on_the_act_date_is_adult():
    rec = person(party_birth_date="2005-06-10", party_id_number="410311200506100512")
    assert "minor" not in reasons(rec)


def test_day_before_the_eighteenth_birthday_is_minor_even_if_adult_at_decision():
    # 18 on 2023-06-10; the act was on 2023-06-09, the decision on 2023-07-01
    facts = "现查明：2023年6月9日21时许，刘晨阳在超市内盗窃洗发水两瓶。"
    rec = person(
        party_birth_date="2005-06-10",
        party_id_number="410311200506100512",
        full_text=text_with(PARTY, facts),
    )
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(("decision_date", "minor"), [("2023-06-09", True), ("2023-06-10", False)])
def test_without_an_act_date_the_decision_date_counts(decision_date, minor):
    facts = "现查明：刘晨阳在超市内盗窃洗发水两瓶。"
    rec = person(
        decision_date=decision_date,
        party_birth_date="2005-06-10",
        party_id_number="410311200506100512",
        full_text=text_with(PARTY, facts),
    )
    assert ("minor" in reasons(rec)) is minor


def test_birth_date_field_says_minor():
    rec = person(party_birth_date="2006-02-14", party_id_number=None)
    (held,) = withholdings(rec, SETTINGS)
    assert held.reason == "minor"
    assert "17" in held.detail
    assert "未成年人保护法" in held.detail


def test_youngest_reading_wins_when_field_and_id_number_disagree():
    # the field says adult, the ID number says born 2006
    rec = person(party_birth_date="1990-01-02", party_id_number="41031120060214019X")
    assert reasons(rec) == ["minor"]
    # and the other way round
    rec = person(party_birth_date="2006-02-14", party_id_number="410311199001020512")
    assert reasons(rec) == ["minor"]


def test_id_number_alone_says_minor():
    rec = person(party_birth_date=None, party_id_number="41031120060214019X")
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "party",
    [
        "违法行为人刘晨阳，男，16岁，现住洛阳市洛龙区。",
        "违法行为人刘晨阳，男，十六周岁，现住洛阳市洛龙区。",
        "违法行为人刘晨阳，男，出生日期：2007年3月5日，现住洛阳市洛龙区。",
        "违法行为人刘晨阳（男，2007年出生），现住洛阳市洛龙区。",
        "违法行为人刘晨阳，男，2006年10月1日出生，现住洛阳市洛龙区。",
        "违法行为人刘晨阳，男，2007.3.5，汉族，现住洛阳市洛龙区。",
        "违法行为人基本情况\n姓名\t性别\t出生日期\t民族\n刘晨阳\t男\t2007.3.5\t汉\n",
        "违法行为人\n│姓名  │性别│出生日期  │\n│刘晨阳│男  │2007-03-05│\n",
        "违法行为人刘晨阳，男，出生日期：2〇〇7.〇3.〇5，现住洛阳市洛龙区。",
        "违法行为人刘晨阳，男，居民身份证号码410311200703050512，现住洛阳市洛龙区。",
    ],
)
def test_text_reading_says_minor_though_fields_say_adult(party):
    rec = person(full_text=text_with(party, FACTS))
    assert reasons(rec) == ["minor"]


def test_text_phrase_says_minor_without_any_date():
    facts = FACTS + "鉴于刘晨阳系已满十六周岁不满十八周岁的未成年人，依法从轻处罚。"
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        "刘晨阳将本人居民身份证出借给未满十八周岁的王某使用。",
        "经查，参赌人员中有2名未成年人（另案处理）。",
        "刘晨阳带领未成年人李某进入网吧。",
        "刘晨阳在茶楼组织赌博，现场有未成年人围观。",
        "被侵害人周小雨（女，16岁）受伤。周小雨系未成年人，其母到场。",
        "刘晨阳接待未成年人住宿未询问监护人联系方式。",
        "依照《中华人民共和国未成年人保护法》第五十七条另行处理。",
        "刘晨阳带领胡小龙（男，16岁）盗窃。刘晨阳明知胡小龙未满十八周岁，仍诱使其参与。",
        "刘晨阳诱骗未成年人违反治安管理。",
        "鉴于刘晨阳以未成年人为诈骗对象，从重处罚。",
    ],
)
def test_a_minor_the_party_acted_upon_is_not_the_party(sentence):
    rec = person(full_text=text_with(PARTY, FACTS + sentence))
    assert "minor" not in reasons(rec)


@pytest.mark.parametrize(
    "sentence",
    [
        "决定对未成年人刘晨阳从轻处罚。",
        "刘晨阳系未成年人。",
        "违法行为人系未成年人。",
        "其系未成年人。",
    ],
)
def test_a_minor_phrase_about_the_party_still_withholds(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        "刘晨阳系一所中学的高二学生，案发时年仅16周岁。",
        "经查，刘晨阳作案时十五岁。",
        "经查，刘晨阳年仅十七岁，未取得机动车驾驶证。",
        "经查，年仅17岁的当事人无证驾驶。",
    ],
)
def test_an_age_at_the_act_in_the_facts_says_minor(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        "刘晨阳案发时已满18周岁。",
        "违法经历：2019年因盗窃被行政拘留五日（作案时十六岁）。",
        "刘晨阳向案发时年仅15岁的王某出售香烟。",
        "刘晨阳的女儿年仅5岁。",
        "刘晨阳殴打年仅十五岁的被侵害人。",
        "违法经历：2019年曾因盗窃（时年仅16岁）被行政拘留。",
    ],
)
def test_an_age_at_the_act_of_an_adult_or_of_another_case_is_no_minor(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert "minor" not in reasons(rec)


@pytest.mark.parametrize(
    "sentence",
    [
        "被侵害人苏日娜（女，蒙古族，2010年3月8日出生，时年15周岁，系未成年人）受伤。",
        "被害人的孙子蒙小军（12岁，系未成年人）在旁目睹。",
        "证人：王小雨（女，16岁，未成年人）证实。",
        "得知观众唐子睿（男，2010年1月9日出生，初三学生，系未成年人）想购买皮肤。",
    ],
)
def test_a_minor_described_in_someone_elses_bracket_is_not_the_party(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert "minor" not in reasons(rec)


@pytest.mark.parametrize(
    "sentence",
    [
        "被侵害人称，刘晨阳（男，时年16周岁，系未成年人）先动手。",
        "违法行为人刘小阳（男，时年16周岁，系未成年人）先动手。",  # a party role, another spelling
    ],
)
def test_a_bracket_after_the_partys_own_name_still_withholds(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        "另查明，出生医学证明载明，刘晨阳的出生日期为2006年9月3日，户籍登记有误。",
        "经核实，刘晨阳实际出生日期是二〇〇六年九月三日。",
    ],
)
def test_the_partys_birth_date_told_in_the_facts_says_minor(sentence):
    rec = person(full_text=text_with(PARTY, FACTS + sentence))  # fields say 1990
    assert reasons(rec) == ["minor"]


def test_an_id_number_broken_by_a_line_says_minor():
    party = "违法行为人刘晨阳，男，身份证号：4103112008\n02143214，现住洛阳市洛龙区。"
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(party, FACTS))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "relative", ["其女儿刘小红（14岁）随同", "其子（男，9岁）在场", "其妹妹刘晨曦（女，16岁）"]
)
def test_a_relatives_age_in_the_party_paragraph_is_not_the_party_age(relative):
    party = "违法行为人刘晨阳，男，居民身份证号码见卷，" + relative + "，现住洛阳市洛龙区。"
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(party, FACTS))
    assert "minor" not in reasons(rec)


def test_a_party_introduced_as_someones_child_is_still_the_party():
    party = "违法行为人系刘大海之子刘晨阳（男，15岁），现住洛阳市洛龙区。"
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(party, FACTS))
    assert reasons(rec) == ["minor"]


def test_a_party_introduced_as_someones_unnamed_child_is_still_the_party():
    party = "违法行为人刘晨阳，系刘大海之子（15岁），现住洛阳市洛龙区。"
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(party, FACTS))
    assert reasons(rec) == ["minor"]


def test_the_partys_own_age_after_a_relative_word_elsewhere_still_counts():
    party = "违法行为人刘晨阳（男，16岁），其女儿无，现住洛阳市洛龙区。"
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(party, FACTS))
    assert reasons(rec) == ["minor"]


def test_a_witness_age_in_the_facts_is_not_the_party_age():
    facts = FACTS + "证人周小雨（女，15岁）证实了上述事实。"
    assert "minor" not in reasons(person(full_text=text_with(PARTY, facts)))


def test_an_organisation_is_never_minor():
    party = (
        "被处罚单位：洛阳市少年宫培训有限公司\n法定代表人：刘晨阳，男，2006年2月14日出生，17岁。"
    )
    facts = "现查明：2023年6月10日，该公司未成年人培训场所未落实消防安全责任。"
    rec = person(
        party_type="legal_person",
        party_name="洛阳市少年宫培训有限公司",
        party_id_type=None,
        party_id_number=None,
        party_birth_date=None,
        party_credit_code="91410311MA9K4T2R6Q",
        full_text=text_with(party, facts),
    )
    assert "minor" not in reasons(rec)


# --- summary procedure, confidential, not effective ---------------------------------------------


def test_summary_procedure_field():
    assert reasons(person(procedure="simple")) == ["summary_procedure"]


def test_summary_procedure_in_the_title():
    full = text_with(PARTY, FACTS).replace("行政处罚决定书", "公安交通管理简易程序处罚决定书")
    assert reasons(person(full_text=full)) == ["summary_procedure"]


def test_not_applying_summary_procedure_is_not_summary_procedure():
    facts = FACTS + "本案不适用简易程序，依照普通程序办理。"
    assert reasons(person(full_text=text_with(PARTY, facts))) == []


def test_an_earlier_summary_procedure_is_not_this_decisions():
    party = PARTY + "违法经历：2022年5月曾因驾驶时接打手持电话被简易程序处罚一次。"
    assert reasons(person(full_text=text_with(party, FACTS))) == []


@pytest.mark.parametrize(
    "sentence",
    ["民警遂未适用简易程序当场处罚，将案件按一般程序受理调查。", "本案没有采用简易程序。"],
)
def test_a_summary_procedure_not_taken_is_not_summary_procedure(sentence):
    assert reasons(person(full_text=text_with(PARTY, FACTS + sentence))) == []


def test_an_earlier_summary_procedure_told_over_two_clauses_is_not_this_decisions():
    facts = FACTS + "另查明，刘晨阳曾于2024年9月因未系安全带，被交警适用简易程序当场处罚。"
    assert reasons(person(full_text=text_with(PARTY, facts))) == []


def test_no_earlier_case_then_summary_procedure_is_summary_procedure():
    facts = FACTS + "刘晨阳无前科，本案适用简易程序当场处罚。"
    assert reasons(person(full_text=text_with(PARTY, facts))) == ["summary_procedure"]


def test_another_acts_summary_procedure_is_not_this_decisions_when_it_says_general():
    facts = (
        FACTS + "交巡警依照简易程序对其违法停车行为作出罚款二百元的当场处罚决定，刘晨阳拒绝签收。"
        "本案不适用简易程序，本局依照一般程序办理。"
    )
    assert reasons(person(full_text=text_with(PARTY, facts))) == []


def test_this_cases_own_summary_procedure_still_counts_beside_a_general_one():
    facts = FACTS + "本案依照一般程序调查，本决定适用简易程序作出。"
    assert reasons(person(full_text=text_with(PARTY, facts))) == ["summary_procedure"]


def test_summary_procedure_rule_is_a_setting():
    settings = dataclasses.replace(SETTINGS, withhold_summary_procedure=False)
    assert reasons(person(procedure="simple"), settings) == []


def test_confidential():
    (held,) = withholdings(person(confidential=True), SETTINGS)
    assert held.reason == "confidential"
    assert held.detail


@pytest.mark.parametrize(
    ("status", "label"),
    [
        ("changed", "已变更"),
        ("revoked", "已撤销"),
        ("confirmed_illegal", "已被确认违法"),
        ("confirmed_void", "已被确认无效"),
    ],
)
def test_not_effective(status, label):
    (held,) = withholdings(person(status=status), SETTINGS)
    assert held.reason == "not_effective"
    assert label in held.detail
    assert "第四十八条" in held.detail


def test_every_applicable_rule_is_reported_in_precedence_order():
    rec = person(
        status="revoked",
        confidential=True,
        procedure="simple",
        party_birth_date="2006-02-14",
    )
    assert reasons(rec) == ["not_effective", "confidential", "minor", "summary_procedure"]


def test_adult_age_is_a_setting():
    settings = dataclasses.replace(SETTINGS, adult_age=40)
    assert reasons(person(), settings) == ["minor"]


# --- formerly known gaps ---


def test_spaced_id_number_in_text_says_minor():
    party = "违法行为人刘晨阳，男，居民身份证号码410311 20070305 0512，现住洛阳市洛龙区。"
    assert reasons(person(full_text=text_with(party, FACTS))) == ["minor"]


def test_age_after_a_spaced_party_name_says_minor():
    party = "违法行为人刘 晨 阳，男，16岁，现住洛阳市洛龙区。"
    assert reasons(person(full_text=text_with(party, FACTS))) == ["minor"]


def test_act_date_without_a_facts_marker():
    # 18 on 2023-06-10; the act on 2023-06-09 (no 现查明), decision on 2023-07-01
    facts = "2023年6月9日21时许，刘晨阳在超市内盗窃洗发水两瓶。以上事实有刘晨阳的陈述等证据证实。"
    rec = person(
        party_birth_date="2005-06-10", party_id_number=None, full_text=text_with(PARTY, facts)
    )
    assert reasons(rec) == ["minor"]


def test_an_age_in_an_earlier_case_is_not_the_age_at_this_act():
    party = PARTY + "违法经历：2019年6月（时年十七周岁）因盗窃被行政拘留十日。"
    assert reasons(person(full_text=text_with(party, FACTS))) == []


def test_an_age_at_this_act_still_withholds():
    party = PARTY.replace("违法行为人刘晨阳，", "违法行为人刘晨阳（案发时年十七周岁），")
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(party, FACTS))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        "经查，案发时系未成年人。",
        "经查，违法嫌疑人作案时系未成年人。",
        "经核实属未成年人。",
        "经查，该男孩系未成年人。",
        "刘某某系未成年人。",
    ],
)
def test_a_minor_phrase_without_another_named_person_withholds(sentence):
    rec = person(
        party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, FACTS + sentence)
    )
    assert reasons(rec) == ["minor"]


def test_the_surname_zeng_is_no_earlier_case():
    party = "违法行为人曾晨阳，男，十六周岁，现住洛阳市洛龙区。"
    rec = person(
        party_name="曾晨阳",
        party_birth_date=None,
        party_id_number=None,
        full_text=text_with(party, FACTS),
    )
    assert reasons(rec) == ["minor"]
    summary = text_with("违法行为人曾晨阳，男，现住洛阳市。本案适用简易程序。", FACTS)
    assert reasons(person(party_name="曾晨阳", full_text=summary)) == ["summary_procedure"]


# --- found by the review of the sixth stop's diff: each failed open in a first version ------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("经查，刘晨阳、王强（男，16岁）未满十八周岁。", ["minor"]),
        ("刘晨阳利用未成年人身份骗取他人财物。", ["minor"]),
        (
            "刘晨阳曾因盗窃被处罚，2024年4月2日其再次违法，民警适用简易程序当场处罚。",
            ["summary_procedure"],
        ),
        ("刘晨阳有前科，本案适用简易程序当场处罚。", ["summary_procedure"]),
        ("违法经历：无，民警适用简易程序当场处罚。", ["summary_procedure"]),
        ("刘晨阳经营的网吧仅有16岁以下顾客3人。", []),
    ],
)
def test_review_cases(sentence, expected):
    rec = person(
        party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, FACTS + sentence)
    )
    assert reasons(rec) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a bracket about several people, the party among them
        "刘晨阳伙同其同学李四（二人均系未成年人）盗窃。",
        "刘晨阳与同伴李四（均未满十八周岁）盗窃。",
        "刘晨阳与其弟弟刘晨亮（兄弟二人均系未成年人）盗窃。",
        "网友李四（化名，与刘晨阳同为未成年人）在场。",
        # the party's name written another way, or named inside the bracket
        "学生刘 晨阳（案发时15周岁）在场。",
        "王五称晨阳（系未成年人，刘晨阳的小名）先动手。",
    ],
)
def test_a_bracket_that_may_be_the_partys_still_withholds(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        "本案不适用一般程序，民警依照简易程序当场作出处罚。",
        "本案原拟按一般程序办理，因事实清楚，民警依照简易程序当场处罚。",
    ],
)
def test_a_general_procedure_not_declared_leaves_the_summary_procedure(sentence):
    assert reasons(person(full_text=text_with(PARTY, FACTS + sentence))) == ["summary_procedure"]


def test_an_on_the_spot_decision_is_summary_procedure_whatever_else_the_text_says():
    full = text_with(PARTY, FACTS + "本案依照一般程序办理。").replace(
        "行政处罚决定书", "当场处罚决定书"
    )
    assert reasons(person(full_text=full)) == ["summary_procedure"]


def test_a_minor_named_before_a_bracket_with_a_birth_date_is_not_the_party():
    facts = FACTS + "刘晨阳因韩子豪踢球打碎玻璃，扇其耳光。韩子豪（2012年4月3日出生）系未成年人。"
    assert "minor" not in reasons(person(full_text=text_with(PARTY, facts)))


def test_the_partys_birth_date_after_wei_in_the_party_paragraph_says_minor():
    party = PARTY + "其母提供的出生医学证明载明其出生日期为2008年1月23日。"
    assert reasons(person(full_text=text_with(party, FACTS))) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        "被侵害人称，打人的小伙子（17岁左右，系未成年人）先动手。",
        "经查，作案时尚未年满十八周岁。",
    ],
)
def test_more_minor_wordings_about_the_party_withhold(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        # a person only a clause describes may be the party: fail closed, a reviewer decides
        "在附近玩耍的边巴（13岁，系未成年人）用手机拍下了全过程。",
        "刘晨阳系洛阳市第二中学的高一学生（未满十八周岁）。",
        "在超市内盗窃的刘某某（15周岁，系未成年人）被抓获。",
        # the party's alias before a bracket with a birth date
        "刘晨阳（又名刘明）到案。刘明（2008年3月1日出生）系未成年人。",
        "外号叫阿阳的刘晨阳被抓获。阿阳（2008年3月1日出生）系未成年人。",
    ],
)
def test_a_bracket_that_may_describe_the_party_withholds(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


def test_not_applying_the_summary_procedure_alone_declares_nothing():
    facts = FACTS + "本案不适用简易程序。民警依照简易程序当场对刘晨阳作出处罚。"
    assert reasons(person(full_text=text_with(PARTY, facts))) == ["summary_procedure"]


def test_the_partys_birth_told_as_born_on_a_date_says_minor():
    facts = FACTS + "其母提交出生医学证明，记载刘晨阳于2008年5月2日出生。"
    assert reasons(person(full_text=text_with(PARTY, facts))) == ["minor"]


@pytest.mark.parametrize(
    ("party", "minor"),
    [
        ("违法行为人刘晨阳，男，汉族，生于08年3月，现住洛阳市洛龙区。", True),
        ("违法行为人刘晨阳，男，汉族，生于88年3月，现住洛阳市洛龙区。", False),
        ("违法行为人刘晨阳，男，汉族，自述虚岁十七，现住洛阳市洛龙区。", True),
        ("违法行为人刘晨阳，男，汉族，虚岁二十，现住洛阳市洛龙区。", False),
    ],
)
def test_a_two_digit_birth_year_and_a_nominal_age_in_the_party_paragraph(party, minor):
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(party, FACTS))
    assert ("minor" in reasons(rec)) is minor


@pytest.mark.parametrize(
    "sentence",
    [
        "经核，被侵害人系未成年人，本局在量罚时已予考虑。",
        "12岁的小学生阿迪力在店内目睹经过，该证人系未成年人。",
        "刘晨阳将车交由其子刘子轩驾驶。刘子轩系2008年9月3日出生，未满十八周岁。",
        "刘晨阳通过网络游戏结识年仅十四岁的方宇轩后，以公开其账号相威胁。方宇轩报警。",
    ],
)
def test_minors_who_are_plainly_someone_else(sentence):
    rec = person(full_text=text_with(PARTY, FACTS + sentence))
    assert "minor" not in reasons(rec)


@pytest.mark.parametrize(
    "sentence",
    [
        "年仅十六岁的刘晨阳在超市盗窃。",
        "被侵害人称，年仅十六岁的他先动手。",
    ],
)
def test_a_young_age_before_the_party_or_a_pronoun_withholds(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]


@pytest.mark.parametrize(
    "sentence",
    [
        # a relative opens the sentence, but the phrase is about both or about the party
        "刘晨阳与其弟弟刘晨亮盗窃。刘晨亮系刘晨阳的弟弟，二人均未满十八周岁。",
        "其弟弟刘晨亮于当日被其父领回，刘晨阳亦未满十八周岁。",
        # an occupation after 年仅…岁的, and a name not written elsewhere
        "刘晨阳系年仅十六岁的高中学生。",
        "年仅十六岁的初中学生刘晨阳在超市内盗窃。",
        "刘晨阳年仅十六岁的时候就多次盗窃。",
        # a mutual fight: the party is a victim too
        "刘晨阳与李明互殴，双方均系被侵害人。经查，该被侵害人系未成年人。",
    ],
)
def test_review_three_minor_phrases_about_the_party_withhold(sentence):
    facts = FACTS + sentence
    rec = person(party_birth_date=None, party_id_number=None, full_text=text_with(PARTY, facts))
    assert reasons(rec) == ["minor"]
