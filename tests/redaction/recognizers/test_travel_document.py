"""Tests for TravelDocumentRecognizer: passports and permits."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.travel_document import TravelDocumentRecognizer


@pytest.fixture(scope="module")
def recognizer() -> TravelDocumentRecognizer:
    return TravelDocumentRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # passports
        ("身份证件种类及号码：越南社会主义共和国护照　C4815926，所持停留居留证件", 1, [(22, 30)]),
        ("护照号码：E12345678", 1, [(5, 14)]),
        ("护照号：EA1234567", 1, [(4, 13)]),
        # a seaman's book; another country's identity card (not a resident ID's 15 or 18 digits)
        ("海员证号码E01793428，户籍地", 1, [(5, 14)]),
        ("缅甸边民证号码MK-0398217）处购得", 1, [(7, 17)]),
        ("越南公民身份证号码：001308024517（记载", 1, [(10, 22)]),
        ("身份证号码：320102199001011234，住址", 0, []),
        ("身份证号：320102 19900101 1234", 0, []),
        ("证件号码：G12345678", 1, [(5, 14)]),
        ("证件种类及号码：护照AB1234567", 1, [(10, 19)]),
        ("passport No. AB1234567", 1, [(13, 22)]),
        ("护照 ｅ１２３４５６７８", 1, [(3, 12)]),
        ("护照号码为E 1234 5678。", 1, [(5, 16)]),  # written in groups
        ("持护照号75 1234567入境", 1, [(4, 14)]),
        ("passport No. E12345678 issued in Hanoi", 1, [(13, 22)]),  # a word is no group
        ("持有护照2本", 0, []),
        ("居留许可：学习类，证件号码XJ36C0083417", 1, [(13, 25)]),  # any document's number
        ("澳门居民身份证号码1/428375/6，", 1, [(9, 19)]),
        # permits and residence cards
        ("持港澳居民来往内地通行证（H1234567801）入境", 1, [(13, 24)]),
        ("港澳居民来往内地通行证号码：M12345678", 1, [(14, 23)]),
        ("台湾居民来往大陆通行证 12345678", 1, [(12, 20)]),
        ("往来港澳通行证：C12345678", 1, [(8, 17)]),
        ("往来港澳通行证号码CA1234567", 1, [(9, 18)]),
        ("外国人永久居留身份证号码：USA110017020101", 1, [(13, 28)]),
        ("外国人永久居留身份证号码：91115619850712001X", 1, [(13, 31)]),
        ("居留许可号码：E12345678", 1, [(7, 16)]),
        # no match: shapes without context
        ("C4815926", 0, []),
        ("E12345678", 0, []),
        ("H1234567801", 0, []),
        ("USA110017020101", 0, []),
        # Hong Kong, Macao and Taiwan identity cards
        ("香港身份证号码K608531(4)，香港住址", 1, [(7, 17)]),
        ("澳门居民身份证：1234567（8）", 1, [(8, 18)]),
        ("台湾居民身份证号码A123456789。", 1, [(9, 19)]),
        # no match: other codes
        ("罚款500元(5)", 0, []),
        ("准驾车型：C1", 0, []),
        ("车牌号：豫CD123456", 0, []),
        ("证件号码：410305198607210313", 0, []),
        ("所持停留居留证件：团聚类外国人居留许可（有效期至2023年4月12日）", 0, []),
        ("护照及外国人居留许可复印件", 0, []),
        ("附件AB12345", 0, []),
        ("（GB 50116—2013）", 0, []),
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
def test_travel_document(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.TRAVEL_DOC for r in results)


@pytest.mark.parametrize(
    "text",
    ["91410305MA9K4T2R6Q", "914103057894561004", "外国人永久居留身份证件：914103057894561004"],
)
def test_credit_codes_are_never_travel_documents(analyze, recognizer, text):
    assert analyze(recognizer, text, threshold=0.0) == []
