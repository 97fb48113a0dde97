"""Tests for QqRecognizer: QQ numbers after a QQ label."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.qq import QqRecognizer


@pytest.fixture(scope="module")
def recognizer() -> QqRecognizer:
    return QqRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # labelled numbers
        ("通过QQ（QQ号：1734582096，昵称“夜行者”）与网名为", 1, [(9, 19)]),
        ("和该公司QQ（QQ号：2875316604）出售给", 1, [(11, 21)]),
        ("QQ：12345678", 1, [(3, 11)]),
        ("qq号码为12345678", 1, [(5, 13)]),
        ("QQ 12345", 1, [(3, 8)]),
        ("扣扣号：123456789", 1, [(4, 13)]),
        ("ＱＱ号：１２３４５６７８", 1, [(4, 12)]),
        ("QQ号：12345678、23456789", 2, [(4, 12), (13, 21)]),
        ("联系电话133 0411 8265，QQ853217640。", 1, [(20, 29)]),
        # no match: no label, or not a QQ number
        ("1734582096", 0, []),
        ("联系方式：13903792586", 0, []),
        ("QQ聊天记录电子数据提取笔录", 0, []),
        ("通过QQ转账12450元", 0, []),
        ("QQ：12450元", 0, []),
        ("QQ号：1234", 0, []),
        ("QQ号：012345678", 0, []),
        ("QQ号：123456789012", 0, []),
        ("QQ号：12345678abc", 0, []),
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
def test_qq(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.QQ for r in results)


def test_the_penguin_label(analyze):
    text = "电话略，企鹅号1183720549，支付宝账号略"
    assert [text[r.start : r.end] for r in analyze(QqRecognizer(), text)] == ["1183720549"]


def test_the_number_in_brackets_after_qq(analyze, recognizer):
    text = "通过QQ（号码2786345109）联系买家"
    assert [text[r.start : r.end] for r in analyze(recognizer, text)] == ["2786345109"]
