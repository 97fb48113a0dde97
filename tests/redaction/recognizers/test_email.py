"""Tests for EmailRecognizer: e-mail addresses."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.email import EmailRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EmailRecognizer:
    return EmailRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # addresses
        ("钟晓婷个人支付宝账户（账号：zxt0917@163.com）。", 1, [(14, 29)]),
        ("电子邮箱：zhang.san+pub@example.org", 1, [(5, 30)]),
        ("邮箱 zxt0917＠163.com", 1, [(3, 18)]),
        ("1734582096@qq.com", 1, [(0, 17)]),
        ("a_b-c@mail.hnga.gov.cn。", 1, [(0, 22)]),
        ("邮箱：abc@foo.example", 1, [(3, 18)]),
        ("ＡＢＣ＠１６３．ｃｏｍ", 1, [(0, 11)]),
        ("a@163.com、b@qq.com", 2, [(0, 9), (10, 18)]),
        # no match
        ("zxt0917@163", 0, []),
        ("@qq.com", 0, []),
        ("a..b@163.com", 0, []),
        ("张三@李四", 0, []),
        ("2023.03.16", 0, []),
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
def test_email(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.EMAIL for r in results)
