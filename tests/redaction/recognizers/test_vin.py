"""Tests for VinRecognizer: vehicle identification numbers."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.vin import VinRecognizer


@pytest.fixture(scope="module")
def recognizer() -> VinRecognizer:
    return VinRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # valid check digit, or context
        ("1M8GDM9AXKP042788", 1, [(0, 17)]),
        ("车架号：LSVAM4186C2184032", 1, [(4, 21)]),
        ("车辆识别代号LSVAM4187C2184032（校验位有误）", 1, [(6, 23)]),
        ("VIN：lsvam4187c2184032", 1, [(4, 21)]),
        ("ＬＳＶＡＭ４１８６Ｃ２１８４０３２", 1, [(0, 17)]),
        # no match
        ("LSVAM4187C2184032", 0, []),
        ("车架号：LSVAM4186C218403I", 0, []),
        ("12345678901234567", 0, []),
        ("ABCDEFGHJKLMNPRST", 0, []),
        ("LSVAM4186C21840321", 0, []),
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
def test_vin(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.VIN for r in results)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("发动机号YC4D120-33A2817，", "YC4D120-33A2817"),
        ("车架号：1802316A07214的电动车", "1802316A07214"),
        # a dot or a space between groups, a part of the number
        ("摩托车（发动机号162FMJ·25K30871），搭载同学", "162FMJ·25K30871"),
        ("发动机号DKR 583019。2025年4月起", "DKR 583019"),
        ("小型轿车（车架号后六位911242）搭载男友", "911242"),
    ],
)
def test_engine_and_frame_numbers_after_their_label(analyze, text, value):
    from gongkai.redaction.recognizers.vin import VehicleNumberRecognizer

    assert [text[r.start : r.end] for r in analyze(VehicleNumberRecognizer(), text)] == [value]
