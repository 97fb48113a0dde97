"""Date reading helpers shared by the birth-date recognizer and the withholding policy."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongkai.redaction.dates import (
    DATE_REGEX,
    DATE_SCAN_RE,
    age_on,
    chinese_number,
    parse_chinese_date,
    parse_date_parts,
    youngest_age,
)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("1986年7月21日", (1986, 7, 21)),
        ("1986年07月01日", (1986, 7, 1)),
        ("1990年5月6号", (1990, 5, 6)),
        ("1986 年 7 月 21 日", (1986, 7, 21)),
        ("１９８６年７月２１日", (1986, 7, 21)),
        ("1995-08-17", (1995, 8, 17)),
        ("１９９５－０８－１７", (1995, 8, 17)),
        ("1990.05.06", (1990, 5, 6)),
        ("1990/5/6", (1990, 5, 6)),
        ("19860721", (1986, 7, 21)),
        ("二〇〇六年二月十四日", (2006, 2, 14)),
        ("一九九〇年十二月三十一日", (1990, 12, 31)),
        ("一九九〇年元月五日", (1990, 1, 5)),
        ("二〇〇〇年十月二十日", (2000, 10, 20)),
        ("二○○六年二月十日", (2006, 2, 10)),
        ("1990年元月5日", (1990, 1, 5)),
        ("2000年2月29日", (2000, 2, 29)),
        # partial dates
        ("1997年", (1997, None, None)),
        ("1990年5月", (1990, 5, None)),
        ("一九九七年", (1997, None, None)),
        ("1990-05", (1990, 5, None)),
        ("  1997年 ", (1997, None, None)),
    ],
)
def test_parse_date_parts(text, parts):
    assert parse_date_parts(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "出生",
        "1986年2月30日",  # no such day
        "2023年13月5日",  # no such month
        "1900年0月1日",
        "1850年1月1日",  # outside 1900–2099
        "2023年2月29日",  # not a leap year
        "19861321",
        "1986年7月21日21时",  # more than a date
        "2023年3月16日起",
        "七月二十一日",  # no year
        "86年7月21日",  # two-digit year
        "１９８６年７月３２日",
    ],
)
def test_parse_date_parts_rejects(text):
    assert parse_date_parts(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇〇六年二月十四日", dt.date(2006, 2, 14)),
        ("1986-07-21", dt.date(1986, 7, 21)),
        ("1997年", None),  # year only: no complete date
        ("1990年5月", None),
        ("1986年2月30日", None),
        # zeros written with full-width O, upper or lower case
        ("二ＯＯ五年三月一日", dt.date(2005, 3, 1)),
        ("二ｏｏ五年三月一日", dt.date(2005, 3, 1)),
    ],
)
def test_parse_chinese_date(text, expected):
    assert parse_chinese_date(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十四", 14),
        ("二十", 20),
        ("三十一", 31),
        ("九", 9),
        ("二〇〇六", 2006),
        ("一九九〇", 1990),
        ("２１", 21),
        ("21", 21),
        ("元", 1),
        ("十十", None),
        ("二十三十", None),
        ("", None),
        ("abc", None),
    ],
)
def test_chinese_number(text, value):
    assert chinese_number(text) == value


def test_date_regex_finds_dates_in_text():
    text = "现查明：2023年3月16日21时40分许，二〇二三年三月十七日，有效期至2023-04-12。"
    found = [m.group() for m in re.finditer(DATE_REGEX, text)]
    assert found == ["2023年3月16日", "二〇二三年三月十七日", "2023-04-12"]


def test_date_scan_finds_what_the_date_regex_finds() -> None:
    text = "男，二ｏｏ五年三月一日生，2023年3月16日、1986.7.21、19860721、12023年1月"
    assert [m.group() for m in DATE_SCAN_RE.finditer(text)] == [
        m.group() for m in re.finditer(DATE_REGEX, text)
    ]
    assert "二ｏｏ五年三月一日" in [m.group() for m in DATE_SCAN_RE.finditer(text)]


def test_date_regex_does_not_cut_longer_numbers():
    assert re.search(DATE_REGEX, "410305198607210313") is None
    assert re.search(DATE_REGEX, "13903792586") is None


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (dt.date(2006, 2, 14), dt.date(2023, 6, 27), 17),
        (dt.date(2006, 2, 14), dt.date(2024, 2, 13), 17),
        (dt.date(2006, 2, 14), dt.date(2024, 2, 14), 18),
        (dt.date(2004, 2, 29), dt.date(2022, 2, 28), 17),
        (dt.date(2004, 2, 29), dt.date(2022, 3, 1), 18),
    ],
)
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("parts", "on", "age"),
    [
        ((2006, 2, 14), dt.date(2023, 6, 27), 17),
        ((2005, None, None), dt.date(2023, 6, 27), 17),  # could be 18, the youngest reading is 17
        ((2005, 6, None), dt.date(2023, 6, 27), 17),  # born as late as 30 June
        ((2005, 6, None), dt.date(2023, 7, 1), 18),
        ((2005, None, None), dt.date(2024, 1, 1), 18),
    ],
)
def test_youngest_age(parts, on, age):
    assert youngest_age(parts, on) == age
