"""Tests for BankCardRecognizer: 16–19 digit bank card numbers."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.bank_card import BankCardRecognizer


@pytest.fixture(scope="module")
def recognizer() -> BankCardRecognizer:
    return BankCardRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # Luhn-valid card numbers
        ("将其本人名下的中国农业银行借记卡（卡号：6228480376125849210）", 1, [(20, 39)]),
        ("中国邮政储蓄银行借记卡（卡号：6217994180003677251）、", 1, [(15, 34)]),
        ("6228480376125849210", 1, [(0, 19)]),
        ("银行卡号：6228 4803 7612 5849 210", 1, [(5, 28)]),
        ("卡号6228-4803-7612-5849-210", 1, [(2, 25)]),
        ("卡号：６２２８４８０３７６１２５８４９２１０", 1, [(3, 22)]),
        ("信用卡 4111 1111 1111 1111", 1, [(4, 23)]),
        ("5500000000000004", 1, [(0, 16)]),
        ("卡号：6228480376125849210、6217994180003677251", 2, [(3, 22), (23, 42)]),
        # Luhn fails but a card word sits right before: still a card (fail closed)
        ("（卡号：6228480376125849211）", 1, [(4, 23)]),
        ("银行卡6228 4803 7612 5849 211", 1, [(3, 26)]),
        ("转入其账户6228480376125849211", 1, [(5, 24)]),
        ("卡号：4103111900245873", 1, [(3, 19)]),
        # no match: Luhn fails and no context
        ("6228480376125849211", 0, []),
        ("4103111900245873", 0, []),
        # no match: Luhn-valid document numbers and ID numbers
        ("编号：4103111900245872", 0, []),
        ("决定书编号4103111900245872", 0, []),
        ("410305198607211252", 0, []),
        ("居民身份证号码：410305198607211252", 0, []),
        # no match: wrong length or inside longer numbers
        ("对公账户（账号：256382014477）", 0, []),
        ("1234 5678 9012 3456 7890", 0, []),
        ("62284803761258492101", 0, []),
        ("6228 4803 7612 5849 2101 23", 0, []),
        ("1111111111111111111", 0, []),
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
    ],
)
def test_bank_card(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.BANK_CARD for r in results)


def test_luhn_failure_with_context_is_medium(analyze, recognizer):
    (result,) = analyze(recognizer, "卡号：6228480376125849211")
    assert 0.5 <= result.score < 1.0


def test_luhn_failure_without_context_stays_weak(analyze, recognizer):
    (result,) = analyze(recognizer, "6228480376125849211", threshold=0.0)
    assert result.score < 0.5


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("和银行卡（卡号6217 **** **** 5236）收取", "6217 **** **** 5236", entities.BANK_CARD),
        ("该卡显示为“6228 48** **** **** 173”。", "6228 48** **** **** 173", entities.BANK_CARD),
        ("付款方账户为“623058******7712”。", "623058******7712", entities.BANK_CARD),
        ("身份证号4103**********0512，", "4103**********0512", entities.ID_NUMBER),
    ],
)
def test_a_masked_card_or_id_number_is_removed_whole(analyze, text, found, kind):
    from gongkai.redaction.recognizers.bank_card import MaskedCardRecognizer

    results = analyze(MaskedCardRecognizer(), text)
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [(found, kind)]


@pytest.mark.parametrize("text", ["手机138****5678。", "罚款1000元**注意**事项", "编号2023****"])
def test_no_masked_card_in_other_stars(analyze, text):
    from gongkai.redaction.recognizers.bank_card import MaskedCardRecognizer

    assert analyze(MaskedCardRecognizer(), text) == []
