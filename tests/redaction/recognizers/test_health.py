"""HealthRecognizer: diagnoses, pregnancies, disabilities, sensitive conditions; injury grades
and injuries as the facts tell them stay."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.health import HealthRecognizer

FOUND = [
    ("经医院诊断为左手软组织挫伤，", "左手软组织挫伤"),
    ("持有残疾人证，证号23080419560412042042，", "23080419560412042042"),
    ("其系二级肢体残疾", "二级肢体残疾"),
    ("给其妻子（患有慢性萎缩性胃炎）送药", "慢性萎缩性胃炎"),
    ("经体检，其患有肺结核（活动期），拘留所依法不予收拘", "肺结核（活动期）"),
    ("经医院诊断为轻度一氧化碳中毒，已治愈出院", "轻度一氧化碳中毒"),
    ("明知马秀兰怀孕五个月，仍用手推搡", "怀孕五个月"),
    ("其妻子妊娠28周", "妊娠28周"),
    ("经查，其患有精神分裂症，", "精神分裂症"),
    ("该男子系艾滋病病毒感染者", "艾滋病"),
    ("被确诊为抑郁症后", "抑郁症"),
    ("经福田区人民医院诊断，黃某为头皮裂伤；经鉴定", "头皮裂伤"),
    ("经乌兰察布市中心医院检查，贾永胜为头皮软组织挫伤，经鉴定", "头皮软组织挫伤"),
    ("自2019年起参加美沙酮维持治疗，", "美沙酮维持治疗"),
    ("经同仁医院诊断，白建国为鼻部软组织挫伤、鼻出血；经鉴定", "鼻部软组织挫伤、鼻出血"),
    ("经朝阳医院诊断，王梓豪为右前臂犬咬伤（Ⅱ级暴露），", "右前臂犬咬伤（Ⅱ级暴露）"),
    ("王梓豪已接种狂犬病疫苗。", "狂犬病疫苗"),
    ("其父关德胜因急性心肌梗死于2024年2月20日去世", "急性心肌梗死"),
    ("其父因肺癌于2020年去世", "肺癌"),
    ("经医院诊断，刘晨阳用拳头殴打李明致其鼻骨骨折", "鼻骨骨折"),
    ("体检结果显示肝功能异常（转氨酶升高），拘留所已予收拘", "肝功能异常（转氨酶升高）"),
    ("经检测，杨婷HIV抗体确证检测结果为阳性，已依法通报", "HIV抗体确证检测结果为阳性"),
    ("入所体检时被查出活动性肺结核（痰涂片阳性），已通报", "活动性肺结核（痰涂片阳性）"),
    ("经医院诊断，何淑芬为右腕关节扭伤，均未达轻微伤", "右腕关节扭伤"),
    (
        "经医院诊断，冯欣怡为左面部软组织挫伤、左耳鼓膜充血，经鉴定",
        "左面部软组织挫伤、左耳鼓膜充血",
    ),
]
LEFT = [
    "经医院诊断为轻微伤，",
    "经民警检查，其左手有划痕，车内有刀具。",
    "经鉴定，被侵害人的损伤程度为轻微伤。",
    "诊断证明书一份",
    "致其左手骨折",
    "殴打孕妇",
    "经鉴定，三人损伤程度均为轻微伤，诊断证明附卷",
    "因琐事发生纠纷后报警",
    "为他人注射A型肉毒毒素制剂",
    "非法接种二类疫苗",
    # a drug test's result is a fact of the case
    "经现场尿检，检测结果为阳性",
    "其尿检结果呈甲基苯丙胺阳性",
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_health_information_is_found(analyze, text: str, value: str) -> None:
    results = analyze(HealthRecognizer(), text)
    assert [text[r.start : r.end] for r in results] == [value]
    assert all(r.entity_type == entities.HEALTH for r in results)


@pytest.mark.parametrize("text", LEFT)
def test_injuries_and_mere_words_stay(analyze, text: str) -> None:
    assert analyze(HealthRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("因该人系怀孕妇女，依法不送拘留所执行", "怀孕"), ("其母肖淑华患胃癌住院", "胃癌")],
)
def test_pregnancy_and_illness_without_a_term(analyze, text, value):
    assert [text[r.start : r.end] for r in analyze(HealthRecognizer(), text)] == [value]


def test_a_patient_is_no_illness(analyze):
    assert analyze(HealthRecognizer(), "患者张某在医院就诊") == []


def test_injuries_listed_after_a_diagnosis_leave_the_names(analyze) -> None:
    text = (
        "经夏河县人民医院诊断，才让东智面部多处软组织挫伤，才让卓玛右膝软组织挫伤，"
        "桑吉加左手第五掌骨骨裂；经鉴定，三人损伤程度均为轻微伤。"
    )
    found = [text[r.start : r.end] for r in analyze(HealthRecognizer(), text)]
    assert found == ["面部多处软组织挫伤", "右膝软组织挫伤", "左手第五掌骨骨裂"]
