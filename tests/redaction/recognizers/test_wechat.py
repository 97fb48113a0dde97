"""Tests for WeChatRecognizer: WeChat IDs after a WeChat label."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.wechat import WeChatRecognizer


@pytest.fixture(scope="module")
def recognizer() -> WeChatRecognizer:
    return WeChatRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # labelled IDs
        ("嫖资主要通过郭丽萍本人微信（微信号：glp_19840209）收取。", 1, [(18, 30)]),
        ("并将本人实名认证的微信账号（微信号：cym_0214yy）出借", 1, [(18, 28)]),
        ("微信号：lx_zxt0917", 1, [(4, 14)]),
        ("微信：abc-def_1", 1, [(3, 12)]),
        ("WeChat ID: zhang_san88", 1, [(11, 22)]),
        ("微信号：13903792586", 1, [(4, 15)]),
        ("微信号为abcdef、ghijkl", 2, [(4, 10), (11, 17)]),
        ("wxid_a1b2c3d4e5", 1, [(0, 15)]),
        # no match
        ("glp_19840209", 0, []),
        ("共获利人民币1200元（通过微信红包收取）。", 0, []),
        ("微信、支付宝转账记录及银行账户交易明细", 0, []),
        ("微信号：abc", 0, []),
        ("微信号：1abcdef", 0, []),
        ("微信转账1200元", 0, []),
        ("微信：1200元", 0, []),
        # longer than WeChat allows, but labelled: taken whole rather than left readable
        ("微信号：a1234567890123456789012", 1, [(4, 27)]),
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
def test_wechat(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.WECHAT for r in results)


def test_a_wxid_glued_to_a_label(analyze):
    text = "微信账户（微信号LJJ_0409，原始IDwxid_8k3m2p9q1r5s22）一并出售"
    found = [text[r.start : r.end] for r in analyze(WeChatRecognizer(), text)]
    assert "wxid_8k3m2p9q1r5s22" in found
