"""Tests for IpAddressRecognizer: IPv4 and IPv6 addresses."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.ip_address import IpAddressRecognizer


@pytest.fixture(scope="module")
def recognizer() -> IpAddressRecognizer:
    return IpAddressRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # addresses
        ("登录IP：192.168.1.1", 1, [(5, 16)]),
        ("IP地址为 10.0.0.1。", 1, [(6, 14)]),
        ("从8.8.8.8访问", 1, [(1, 8)]),
        ("IP：２０２．１０２．１．３", 1, [(3, 14)]),
        ("IPv6地址2001:db8::1", 1, [(6, 17)]),
        ("::ffff:192.168.1.1", 1, [(0, 18)]),
        ("fe80::1ff:fe23:4567:890a，", 1, [(0, 24)]),
        ("1.2.3.4与5.6.7.8", 2, [(0, 7), (8, 15)]),
        ("出口地址115.216.37.142:52318，", 1, [(4, 24)]),  # with its port
        ("IP地址115.216.37.142：2023年6月10日", 1, [(4, 18)]),  # a date is no port
        # no match
        ("软件版本1.2.3", 0, []),
        ("V1.2.3.4", 0, []),
        ("2023.03.16", 0, []),
        ("2023.3.16", 0, []),
        ("21:40:00", 0, []),
        ("256.1.1.1", 0, []),
        ("1.2.3.4.5", 0, []),
        ("192.168.01.1", 0, []),
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
def test_ip_address(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.IP_ADDRESS for r in results)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("曾长期使用家庭宽带IP14.153.62.7（端口50442）登录", ["14.153.62.7"]),
        ("版本号V1.2.3.4，型号HTTP1.2.3.4，ZIP1.2.3.4", []),
    ],
)
def test_an_address_glued_to_its_label(analyze, recognizer, text, found):
    assert [text[r.start : r.end] for r in analyze(recognizer, text)] == found
