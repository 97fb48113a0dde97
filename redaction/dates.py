"""Reading dates written the ways decisions write them: pure functions, no Presidio.

Decisions write a date as ``1986年7月21日``, ``１９８６年７月２１日`` (full-width),
``1986-07-21``, ``1986.7.21``, ``1986/07/21``, ``19860721`` or in Chinese numerals
(``二〇〇六年二月十四日``, ``一九九〇年十二月三十一日``, ``一九九〇年元月五日``). A birth date may
be only a year (``1997年出生``) or a year and month (``出生年月：1990年5月``).

``DATE_REGEX`` is the one pattern for such a date (the recognizers build on it), and
:func:`parse_date_parts` reads a matched date into ``(year, month | None, day | None)``, so a
policy can reason about partial dates: :func:`youngest_age` gives the lowest age a partial birth
date allows on a given day (the withholding rule for minors takes the youngest reading).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from gongkai.redaction.text import FULLWIDTH_DIGITS, first_character_alternation

__all__ = [
    "DATE_REGEX",
    "DateParts",
    "age_on",
    "chinese_number",
    "parse_chinese_date",
    "parse_date_parts",
    "youngest_age",
]

DateParts = tuple[int, int | None, int | None]

MIN_YEAR = 1900
MAX_YEAR = 2099

# --- the pattern -------------------------------------------------------------------------------
# The pattern takes the *shape* of a date (a garbled 1986年2月30日 after 出生日期 is still a birth
# date to remove); :func:`parse_date_parts` checks that it is a real one. Arabic digits, half- or
# full-width, are spelled out (``\d`` would also take other scripts' digits).
_D = "[0-9０-９]"
_NO_DIGIT_BEFORE = "(?<![0-9０-９])"
_NO_DIGIT_AFTER = "(?![0-9０-９])"
_SPACE = "[ \u3000]?"
_YEAR = f"(?:[12１２]{_D}{{3}})"
_SEP = "[-－/／.．]"
_ZERO = "〇零○Ｏｏ０0"
_CN_DIGIT = f"[一二三四五六七八九{_ZERO}]"
_CN_YEAR = f"(?:[一二]{_CN_DIGIT}{{3}})"
_CN_MONTH = "(?:十[一二]?|[元一二三四五六七八九])"
_CN_DAY = "(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_DAY_WORD = "[日号]"

# What follows the year in each form
_AFTER_YEAR_CN_STYLE = (
    f"{_SPACE}年(?:{_SPACE}(?:{_D}{{1,2}}|元){_SPACE}月"
    f"(?:{_SPACE}{_D}{{1,2}}{_SPACE}{_DAY_WORD})?)?"
)
_AFTER_YEAR_SEP_STYLE = f"{_SEP}{_D}{{1,2}}(?:{_SEP}{_D}{{1,2}})?{_NO_DIGIT_AFTER}"
_AFTER_YEAR_COMPACT = f"[01０１]{_D}[0-3０-３]{_D}{_NO_DIGIT_AFTER}"
_AFTER_CN_YEAR = f"年(?:{_CN_MONTH}月(?:{_CN_DAY}{_DAY_WORD})?)?"
_ARABIC_CN_STYLE = f"{_YEAR}{_AFTER_YEAR_CN_STYLE}"
_ARABIC_SEP_STYLE = f"{_YEAR}{_AFTER_YEAR_SEP_STYLE}"
_ARABIC_COMPACT = f"{_YEAR}{_AFTER_YEAR_COMPACT}"
_CHINESE_STYLE = f"{_CN_YEAR}{_AFTER_CN_YEAR}"

#: A date, year-month or year. Digits may not touch other digits on either side. Compact
#: ``19860721`` is included: callers that see it only after a label (出生日期) are safe to use it.
DATE_REGEX = (
    f"(?:{_NO_DIGIT_BEFORE}(?:{_ARABIC_CN_STYLE}|{_ARABIC_SEP_STYLE}|{_ARABIC_COMPACT})"
    f"|{_CHINESE_STYLE})"
)

_DATE_RE = re.compile(DATE_REGEX)
#: The same, written to start with one character class (three times faster to scan with).
DATE_SCAN_RE = re.compile(
    first_character_alternation(
        (
            "12１２",
            f"(?<![0-9０-９].){_D}{{3}}"
            f"(?:{_AFTER_YEAR_CN_STYLE}|{_AFTER_YEAR_SEP_STYLE}|{_AFTER_YEAR_COMPACT})",
        ),
        ("一二", f"{_CN_DIGIT}{{3}}{_AFTER_CN_YEAR}"),
    )
)

# --- parsing -----------------------------------------------------------------------------------
_CN_VALUES = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "ｏ": 0,
    "一": 1,
    "元": 1,  # 元月 = January
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


_DIGIT_FOLD = str.maketrans(FULLWIDTH_DIGITS | {ch: chr(ord(ch) - 0xFEE0) for ch in "－／．"})


def _fold_digits(text: str) -> str:
    """Full-width digits and separators to ASCII, one character for one character."""
    return text.translate(_DIGIT_FOLD)


def chinese_number(text: str) -> int | None:
    """A number written in Chinese numerals up to 99, or digit by digit (``二〇〇六``).

    ``十四`` → 14, ``二十`` → 20, ``三十一`` → 31, ``二〇〇六`` → 2006; Arabic digits (half- or
    full-width) are accepted too. ``None`` for anything else.
    """
    text = _fold_digits(text.strip())
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        if "十" in units or len(tens) > 1 or len(units) > 1:
            return None
        t = 1 if tens == "" else _CN_VALUES.get(tens)
        u = 0 if units == "" else _CN_VALUES.get(units)
        if t is None or u is None or t == 0:
            return None
        return t * 10 + u
    value = 0
    for ch in text:
        if ch.isascii() and ch.isdigit():
            digit = int(ch)
        elif ch in _CN_VALUES:
            digit = _CN_VALUES[ch]
        else:
            return None
        value = value * 10 + digit
    return value


_PARTS_RE = re.compile(
    r"(?P<y>[^年]+)年(?:(?P<m>[^月]+)月(?:(?P<d>[^日号]+)[日号])?)?"
    r"|(?P<y2>\d{4})[-/.](?P<m2>\d{1,2})(?:[-/.](?P<d2>\d{1,2}))?"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2})"
)


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def parse_date_parts(text: str) -> DateParts | None:
    """Read a date, year-month or year into ``(year, month | None, day | None)``.

    The whole of ``text`` (spaces around ignored) must be one date in a form :data:`DATE_REGEX`
    accepts; an impossible date (``2023年2月30日``, month 13, a year before 1900 or after 2099)
    gives ``None``.
    """
    text = text.strip()
    if not _DATE_RE.fullmatch(text):
        return None
    folded = _fold_digits(text).replace(" ", "").replace("\u3000", "")
    m = _PARTS_RE.fullmatch(folded)
    if m is None:
        return None
    if m.group("y") is not None:
        raw = (m.group("y"), m.group("m"), m.group("d"))
    elif m.group("y2") is not None:
        raw = (m.group("y2"), m.group("m2"), m.group("d2"))
    else:
        raw = (m.group("y3"), m.group("m3"), m.group("d3"))
    values = [None if part is None else chinese_number(part) for part in raw]
    if any(v is None for v, part in zip(values, raw, strict=True) if part is not None):
        return None
    year, month, day = values
    assert year is not None
    if not _valid(year, month, day):
        return None
    return year, month, day


def parse_chinese_date(text: str) -> dt.date | None:
    """A complete date (year, month and day) as a :class:`datetime.date`, else ``None``."""
    parts = parse_date_parts(text)
    if parts is None or parts[1] is None or parts[2] is None:
        return None
    return dt.date(parts[0], parts[1], parts[2])


def age_on(birth: dt.date, on: dt.date) -> int:
    """Age in completed years on ``on`` (a person born on 29 February ages on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def youngest_age(parts: DateParts, on: dt.date) -> int:
    """The lowest age a possibly partial birth date allows on ``on``.

    A missing day or month is read as the latest one possible (born 31 December for a bare
    year), which gives the youngest reading, as the minors rule requires.
    """
    year, month, day = parts
    if month is None:
        month, day = 12, 31
    elif day is None:
        day = calendar.monthrange(year, month)[1]
    return age_on(dt.date(year, month, day), on)
