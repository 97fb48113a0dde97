"""BirthDateRecognizer: birth dates go (the date only), other dates stay."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from gongkai.redaction import entities
from gongkai.redaction.recognizers.birth_date import BirthDateRecognizer

# (text, expected spans): a span is a substring (its first occurrence) or (start, end).
CASES: list[tuple[str, list[str | tuple[int, int]]]] = [
    # --- a label before the date -------------------------------------------------------------
    ("违法行为人孙海涛，男，36岁，出生日期1986年7月21日，身份证件", ["1986年7月21日"]),
    ("年龄：39岁\n出生日期：1984年2月9日\n身份证件种类及号码", ["1984年2月9日"]),
    ("出生日期为1986年7月21日", ["1986年7月21日"]),
    ("出生日期: 1986 年 7 月 21 日", ["1986 年 7 月 21 日"]),
    ("出生于1990.05.06，", ["1990.05.06"]),
    ("生于二〇〇六年二月十四日", ["二〇〇六年二月十四日"]),
    ("出生年月：1990年5月", ["1990年5月"]),
    ("出生日期：１９８６年７月２１日", ["１９８６年７月２１日"]),
    ("出生日期：1986/07/21", ["1986/07/21"]),
    ("出生日期：　2006-02-14", ["2006-02-14"]),
    ("出生日期：19860721，", ["19860721"]),
    ("出生日期：1990年元月5日", ["1990年元月5日"]),
    ("生日：1990年5月6日", ["1990年5月6日"]),
    # a garbled date after the label is still the person's birth date: removed (fail-closed)
    ("出生日期：1986年2月30日", ["1986年2月30日"]),
    # --- 出生 after the date -------------------------------------------------------------------
    ("法定代表人：韦思远，男，1988年5月30日出生，居民身份证", ["1988年5月30日"]),
    ("违法行为人王志强，男，1993年4月3日出生，30岁，", ["1993年4月3日"]),
    ("查获白雪（女，1997年出生）与胡志勇（男，1979年出生）", ["1997年", "1979年"]),
    ("1995-08-17出生", ["1995-08-17"]),
    ("1990年5月6号出生", ["1990年5月6号"]),
    ("一九九〇年十二月三十一日出生", ["一九九〇年十二月三十一日"]),
    ("（男，1990年生，汉族）", ["1990年"]),
    ("1986年07月21日生人", ["1986年07月21日"]),
    ("男，1986年7月21日出生于河南省", ["1986年7月21日"]),
    ("女，１９９５年８月１７日出生，", ["１９９５年８月１７日"]),
    # --- a full date right after the gender or ethnicity (medium) -----------------------------
    ("张某，男，1990年1月2日，汉族", ["1990年1月2日"]),
    ("男，汉族，1990年1月2日，", ["1990年1月2日"]),
    ("女，1990.1.2，", ["1990.1.2"]),
    # --- must stay -----------------------------------------------------------------------------
    ("现查明：2023年3月16日21时40分许，", []),
    ("拘留期限自2023年3月17日起至2023年3月23日止", []),
    ("洛阳市公安局涧西分局\n二〇二三年三月十七日", []),
    ("案件发生于2023年3月16日", []),
    ("有效期至2023年4月12日", []),
    ("违法经历：2020年6月因容留卖淫被洛阳市公安局西工分局行政拘留十日。", []),
    ("本决定书已于2023年6月27日向违法行为人崔一鸣宣告", []),
    ("男，2023年3月16日21时", []),
    ("男，1986年2月30日，", []),  # not a real date and no 出生 to vouch for it
    ("微信号：glp_19840209", []),
    ("居民身份证410305198607210313", []),
    ("出生地：河南省洛阳市", []),
    ("于2023年8月13日被刑事拘留", []),
    ("2023年3月18日至3月29日期间", []),
    ("年龄：39岁", []),
    # a table row of people: name, gender, birth date, ID number in cells
    ("吴金花\u3000女\u30001981.02.14\u3000522601198102140020", ["1981.02.14"]),
    ("顾德明\t男\t1968-12-01\t1200元", ["1968-12-01"]),
    ("张三 男 2023年3月16日到案", []),  # no cell after the date: no table row
    ("国籍：尼日利亚\u3000出生日期：02 APR 1988\n", ["02 APR 1988"]),
]


def _span(text: str, expected: str | tuple[int, int]) -> tuple[int, int]:
    if isinstance(expected, tuple):
        return expected
    start = text.index(expected)
    return start, start + len(expected)


@pytest.mark.parametrize(
    ("text", "expected"), CASES, ids=[f"case{i:02d}" for i in range(len(CASES))]
)
def test_birth_date_spans(analyze, text, expected):
    results = analyze(BirthDateRecognizer(), text)
    got = [(r.start, r.end) for r in results]
    assert got == [_span(text, e) for e in expected], [text[s:e] for s, e in got]
    assert all(r.entity_type == entities.BIRTH_DATE for r in results)


@pytest.mark.parametrize(
    ("text", "minimum"),
    [
        ("出生日期：1984年2月9日", 0.8),
        ("男，1988年5月30日出生，", 0.8),
        ("张某，男，1990年1月2日，汉族", 0.5),
    ],
)
def test_scores(analyze, text, minimum):
    (result,) = analyze(BirthDateRecognizer(), text, threshold=0.0)
    assert result.score >= minimum
    assert (
        result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "BirthDateRecognizer"
    )


def test_label_boosts_through_context(analyze):
    (result,) = analyze(BirthDateRecognizer(), "出生日期：1984年2月9日", threshold=0.0)
    assert result.recognition_metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY)
    assert result.score == pytest.approx(1.0)


def test_whole_party_paragraph(analyze):
    text = (
        "违法行为人崔一鸣，男，17岁，2006年2月14日出生，身份证件种类及号码：居民身份证"
        "41031120060214019X，户籍所在地：河南省洛阳市洛龙区李楼镇李楼村五组。\n"
        "现查明：2023年3月上旬，崔一鸣经同学郑凯文介绍……2023年3月18日至3月29日期间……\n"
        "二〇二三年六月二十七日\n本决定书已于2023年6月27日向违法行为人崔一鸣宣告并送达。"
    )
    found = [text[r.start : r.end] for r in analyze(BirthDateRecognizer(), text)]
    assert found == ["2006年2月14日"]


@pytest.mark.parametrize(
    ("text", "date"),
    [("彝族，88年3月5日生，身份证号", "88年3月5日"), ("出生日期：88年3月5日。", "88年3月5日")],
)
def test_two_digit_years_next_to_birth(analyze, text, date):
    assert [text[r.start : r.end] for r in analyze(BirthDateRecognizer(), text)] == [date]


def test_a_two_digit_year_without_birth_stays(analyze):
    assert analyze(BirthDateRecognizer(), "于23年5月1日在该店消费") == []


def test_a_day_first_date_after_a_tabbed_label(analyze):
    text = "出生日期\t12.04.1979（持俄罗斯护照）"
    assert [text[r.start : r.end] for r in analyze(BirthDateRecognizer(), text)] == ["12.04.1979"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("出生日期/Date of Birth：23.07.1998\n护照号码", "23.07.1998"),
        ("男，俄罗斯联邦国籍，19.02.1987出生，护照号码", "19.02.1987"),
    ],
)
def test_day_first_dates_with_an_english_label_or_before_birth(analyze, text, value):
    assert value in [text[r.start : r.end] for r in analyze(BirthDateRecognizer(), text)]
