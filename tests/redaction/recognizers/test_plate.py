"""Tests for LicencePlateRecognizer: mainland licence plates."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.plate import LicencePlateRecognizer


@pytest.fixture(scope="module")
def recognizer() -> LicencePlateRecognizer:
    return LicencePlateRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # plates in sentences
        ("后王志强等四人乘坐王志刚所有的豫C3L76H号白色大众轿车离开现场。", 1, [(15, 22)]),
        ("车辆牌号：豫CQ8P27　　车辆类型：小型普通客车", 1, [(5, 12)]),
        ("驾驶豫CQ8P27号小型普通客车", 1, [(2, 9)]),
        ("豫C3L76H", 1, [(0, 7)]),
        ("豫C3L76H、豫CQ8P27", 2, [(0, 7), (8, 15)]),
        ("豫c3l76h号", 1, [(0, 7)]),
        # separators after the letter
        ("豫C·3L76H", 1, [(0, 8)]),
        ("豫C•3L76H", 1, [(0, 8)]),
        ("豫C 3L76H", 1, [(0, 8)]),
        ("豫C-3L76H", 1, [(0, 8)]),
        # new energy and special plates
        ("京AD12345", 1, [(0, 8)]),
        ("粤B12345F", 1, [(0, 8)]),
        ("车牌号为沪AF1234５", 1, [(4, 12)]),
        ("粤Z1234港", 1, [(0, 7)]),
        ("豫C1234学", 1, [(0, 7)]),
        ("豫A1234警", 1, [(0, 7)]),
        ("豫C1234挂", 1, [(0, 7)]),
        ("沪A1234领", 1, [(0, 7)]),
        ("车牌号：豫CI0O12", 1, [(4, 11)]),
        ("车牌号：使014578", 1, [(4, 11)]),
        ("等候信号灯的使014·287号某国驻华使馆轿车", 1, [(6, 14)]),  # an embassy's car
        ("车辆号牌：粤Z·B472港（香港车牌TV 8321）", 2, [(5, 13), (18, 25)]),
        ("澳门车牌MX-12-34", 1, [(4, 12)]),
        ("致使123456人受伤", 0, []),  # no dot: no embassy plate on its shape alone
        # no match
        ("豫ABCDEF", 0, []),
        ("豫C3L76H7X", 0, []),
        ("新A1234", 0, []),
        ("京ICP备12345678号", 0, []),
        ("粤B2-20090059", 0, []),
        ("河南省洛阳市公安局", 0, []),
        ("新疆维吾尔自治区", 0, []),
        ("洛公（治）行罚决字〔2023〕00086号", 0, []),
        ("洛公西（治）行罚决字[2023]第00297号", 0, []),
        ("编号：4103111900245873", 0, []),
        ("案件编号：A4103055201002023030086", 0, []),
        ("统一社会信用代码：91410305MA9K4T2R6Q", 0, []),
        ("处违法所得三倍罚款，即人民币壹万贰仟肆佰伍拾元整（¥12450.00）。", 0, []),
        ("现查明：2023年3月16日21时40分许，", 0, []),
        ("《建筑设计防火规范》（GB 50016—2014，2018年版）", 0, []),
        ("根据《中华人民共和国治安管理处罚法》第五十条第一款第（二）项之规定", 0, []),
        ("执法记录仪（编号：DSJ-LY0413）", 0, []),
    ],
)
def test_plate(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.PLATE for r in results)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("驾驶甘12-23517号轮式拖拉机", "甘12-23517"),
        ("驾驶其所有的闽霞渔01827号小型渔船", "闽霞渔01827"),
        # another country's plate, after its label
        ("继续驾驶其本国牌照782 AKZ 05号货车", "782 AKZ 05"),
        ("驾驶蒙古国号牌0384УБА的越野车", "0384УБА"),
        ("驾驶一辆挂越南号牌14-B1 263.85的两轮摩托车", "14-B1 263.85"),
        ("龙文斌乘坐黔A·02381D号公交车途中", "黔A·02381D"),
    ],
)
def test_farm_machinery_plates_and_fishing_boats(analyze, text, value):
    from gongkai.redaction.recognizers.plate import LicencePlateRecognizer

    assert [text[r.start : r.end] for r in analyze(LicencePlateRecognizer(), text)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("电动自行车号牌杭州G29573。", "杭州G29573"),
        ("车牌号为苏州E12345。", "苏州E12345"),
        ("车牌号为浙A12345的小型轿车", "浙A12345"),
    ],
)
def test_a_citys_e_bike_plate_after_its_label(analyze, recognizer, text, value):
    assert [text[r.start : r.end] for r in analyze(recognizer, text)] == [value]


@pytest.mark.parametrize(
    ("text", "found"),
    [("车辆牌号　冀B·7K3 21　　车辆识别代号", ["冀B·7K3 21"]), ("京A12 345元", [])],
)
def test_one_space_inside_a_plate_after_its_separator(analyze, recognizer, text, found):
    assert [text[r.start : r.end] for r in analyze(recognizer, text)] == found
