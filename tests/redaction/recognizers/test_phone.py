"""Tests for PhoneRecognizer: mainland mobiles and landlines."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.phone import PhoneRecognizer


@pytest.fixture(scope="module")
def recognizer() -> PhoneRecognizer:
    return PhoneRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # mobiles, with and without context
        ("联系方式：13903792586，违法经历：无。", 1, [(5, 16)]),
        ("无固定职业，联系方式13783172640。违法经历：", 1, [(10, 21)]),
        ("已将行政拘留决定通知被处罚人家属李桂兰（母亲，联系电话：13608791452）。", 1, [(28, 39)]),
        ("手机号：138-1234-5678", 1, [(4, 17)]),
        ("手机：138 1234 5678，", 1, [(3, 16)]),
        ("联系电话：1381234 5678", 1, [(5, 17)]),
        ("联系方式：１３９０３７９２５８６", 1, [(5, 16)]),
        ("支付宝账号（登录账号：17838206519）", 1, [(11, 22)]),
        ("13903792586、13837916024", 2, [(0, 11), (12, 23)]),
        ("联系电话：13903792586 13837916024", 2, [(5, 16), (17, 28)]),
        ("联系电话：14012345678", 1, [(5, 16)]),
        # country prefixes
        ("联系方式：+86 138 1234 5678", 1, [(5, 22)]),
        ("联系方式：+8613812345678", 1, [(5, 19)]),
        ("联系方式：0086-13812345678", 1, [(5, 21)]),
        ("联系方式：（+86）13812345678", 1, [(5, 21)]),
        ("联系方式：(+86) 138-1234-5678", 1, [(5, 24)]),
        ("联系方式：＋８６　１３８１２３４５６７８", 1, [(5, 20)]),
        ("手机8613812345678", 1, [(2, 15)]),
        # landlines
        ("联系电话：0379-63912345", 1, [(5, 18)]),
        ("联系电话：（0379）63912345，", 1, [(5, 19)]),
        ("电话(0379) 6391 2345", 1, [(2, 18)]),
        ("联系电话：0379－6391 2345", 1, [(5, 19)]),
        ("电话：0379-63912345转123", 1, [(3, 20)]),
        ("电话：010-62345678-8021", 1, [(3, 20)]),
        ("座机021 5432 1098", 1, [(2, 15)]),
        ("０３７９－６３９１２３４５", 1, [(0, 13)]),
        ("+86-379-63912345", 1, [(0, 16)]),
        ("电话：037963912345", 1, [(3, 15)]),
        ("电话：63912345", 1, [(3, 11)]),
        ("拨打400-123-4567", 1, [(2, 14)]),
        # no match: weak shapes without context
        ("14012345678", 0, []),
        ("037963912345", 0, []),
        ("63912345", 0, []),
        ("400-123-4567", 0, []),
        ("20230316", 0, []),
        # no match: inside longer numbers
        ("4103111900245873", 0, []),
        ("居民身份证410305198607210313", 0, []),
        ("身份证号码：4103 0519 8607 2103 13", 0, []),
        ("身份证号码：410305 19860721 0313", 0, []),
        ("6222 0215 1381 2345 678", 0, []),
        ("138123456789", 0, []),
        ("A13812345678", 0, []),
        ("13812345678B", 0, []),
        # no match: numbers that must stay readable
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
        ("交管12123", 0, []),
        ("接110指令", 0, []),
        ("2023-03-16", 0, []),
        ("警号：041287", 0, []),
    ],
)
def test_phone(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.PHONE for r in results)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("联系电话一五二八〇六三九九一七；", ["一五二八〇六三九九一七"]),
        (
            "号码为一三八八零四二七六三一、一九八二八一五〇四二六",
            ["一三八八零四二七六三一", "一九八二八一五〇四二六"],
        ),
        ("罚款人民币一千三百元", []),
        ("二〇二三年一月三日", []),
        ("编号一三八八〇四二七六三一二", []),  # twelve numerals: no mobile
        ("电话幺五八六八幺二七三〇四，有个送外卖的", ["幺五八六八幺二七三〇四"]),  # 幺 is one
    ],
)
def test_mobiles_in_chinese_numerals(analyze, text, numbers):
    from gongkai.redaction.recognizers.phone import SpelledPhoneRecognizer

    results = analyze(SpelledPhoneRecognizer(), text)
    assert [text[r.start : r.end] for r in results] == numbers
    assert all(r.entity_type == entities.PHONE for r in results)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("联系电话\t+852 9123 4567／13800138000", "+852 9123 4567"),
        ("|联系方式|+84 912 345 678|", "+84 912 345 678"),
        ("0912-345-678、+886 4 2258 6173", "+886 4 2258 6173"),
    ],
)
def test_international_numbers_and_table_cells(analyze, recognizer, text, number):
    assert number in [text[r.start : r.end] for r in analyze(recognizer, text)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("身份证号略，电话136 3299\n1840）；", "136 3299\n1840"),
        ("手机186 2013\n0479\n经查，", "186 2013\n0479"),
        ("电话138.3792.6610，企鹅号", "138.3792.6610"),
    ],
)
def test_a_mobile_broken_across_lines(analyze, recognizer, text, number):
    assert number in [text[r.start : r.end] for r in analyze(recognizer, text)]


def test_no_mobile_across_lines_from_a_date_and_a_number(analyze, recognizer):
    assert analyze(recognizer, "2025年3月5日\n138人次") == []
