"""Tests for ResidentIdRecognizer: resident identity card numbers."""

from __future__ import annotations

import pytest

from gongkai.redaction import entities
from gongkai.redaction.recognizers.resident_id import ResidentIdRecognizer


@pytest.fixture(scope="module")
def recognizer() -> ResidentIdRecognizer:
    return ResidentIdRecognizer()


@pytest.mark.parametrize(
    ("text", "expected_count", "expected_spans"),
    [
        # valid numbers
        ("身份证件种类及号码：居民身份证410305198607210313，户籍所在地", 1, [(15, 33)]),
        ("410305198607210313", 1, [(0, 18)]),
        ("居民身份证41031120060214019X", 1, [(5, 23)]),
        ("居民身份证41031120060214019x", 1, [(5, 23)]),
        ("４１０３０５１９８６０７２１０３１３", 1, [(0, 18)]),
        ("身份证号码：410305 19860721 0313", 1, [(6, 26)]),
        ("身份证号码：4103 0519 8607 2103 13", 1, [(6, 28)]),
        ("身份证号码：4103-0519-8607-2103-13", 1, [(6, 28)]),
        ("身份证号码：410305860721031", 1, [(6, 21)]),
        # wrong check digit: found with context, or with a province's code and a real birth
        # date in place (a typo, or a number a writer made up: 1\t郑小龙\t男\t4101…)
        ("身份证：410305198607210314", 1, [(4, 22)]),
        ("公民身份号码410305198607210314", 1, [(6, 24)]),
        ("410305198607210314", 1, [(0, 18)]),
        ("1\t郑小龙\t男\t41010519910305123X\t罚款500元", 1, [(8, 26)]),
        # …but no province's code, no ID number
        ("990305198607210314", 0, []),
        ("交易单号：200305198607210315", 0, []),
        # no match
        ("身份证号码：111111111111111", 0, []),
        ("身份证号码：000000000000000000", 0, []),
        ("410305199913450313", 0, []),
        ("4103051986072103131", 0, []),
        ("联系方式：13903792586", 0, []),
        ("联系电话：0379-63912345", 0, []),
        ("卡号：6228480376125849210", 0, []),
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
def test_resident_id(analyze, recognizer, text, expected_count, expected_spans):
    results = analyze(recognizer, text)
    assert len(results) == expected_count
    assert [(r.start, r.end) for r in results] == expected_spans
    assert all(r.entity_type == entities.ID_NUMBER for r in results)


def test_a_number_broken_by_a_line_is_still_found(analyze, recognizer):
    text = "居民身份证号码：51070319920\n2145266\n户籍地址：四川省绵阳市"
    [result] = analyze(recognizer, text)
    assert text[result.start : result.end] == "51070319920\n2145266"
    assert result.score == 1.0  # the check digit holds across the break


def test_two_numbers_on_two_lines_are_not_joined(analyze, recognizer):
    assert analyze(recognizer, "案件编号：2023051\n行政处罚决定书编号：20230511") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # recited in a statement, with 幺 for one (check digit valid)
        (
            "背出身份证号码“三二〇五八三幺九九四〇二幺四二五三二”",
            "三二〇五八三幺九九四〇二幺四二五三二",
        ),
        # a province's code and a real birth date, check digit wrong: still an ID number
        ("身份证号四一〇三一一一九九〇〇一〇二〇五一一", "四一〇三一一一九九〇〇一〇二〇五一一"),
        # eighteen numerals that are no ID number: an impossible birth date
        ("编号三二〇五八三九九九九九九九九四二五三二", None),
    ],
)
def test_an_id_number_in_chinese_numerals(analyze, text, found):
    from gongkai.redaction.recognizers.resident_id import SpelledResidentIdRecognizer

    results = analyze(SpelledResidentIdRecognizer(), text)
    assert [text[r.start : r.end] for r in results] == ([found] if found else [])


def test_a_businesss_old_registration_number_is_no_id_number(analyze, recognizer):
    text = (
        "统一社会信用代码92330782MA2E8FW3KQ（原注册号330782600123456），"
        "经营者身份证号码330782600123456"
    )
    results = analyze(recognizer, text)
    assert [r.start for r in results] == [text.rindex("330782600123456")]


@pytest.mark.parametrize(
    "text",
    [
        "未办理营业执照，其雇主王五（410311900102051）",
        "伪造营业执照，冒用王五410311900102051的名义",
    ],
)
def test_an_old_id_number_near_a_business_licence_is_still_an_id_number(analyze, recognizer, text):
    assert [text[r.start : r.end] for r in analyze(recognizer, text)] == ["410311900102051"]
