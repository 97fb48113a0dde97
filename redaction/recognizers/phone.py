"""Mainland telephone numbers (电话号码): mobiles, landlines with area codes, service numbers."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    DIGIT,
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    SEP,
    ChinesePatternRecognizer,
)


def _d(ranges: str) -> str:
    """A class of the given ASCII digits/ranges plus their full-width forms ("5-9" → [5-9５-９])."""
    wide = "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in ranges)
    return f"[{ranges}{wide}]"


# A number must not be the tail or head of a longer *grouped* number (a spaced ID or bank card
# such as "4103 0519 8607 2103 13"): no short digit group plus separator right before it, and no
# separator plus short final group right after it. Two phone numbers side by side stay allowed.
_NO_GROUP_BEFORE = f"(?<!(?<!{DIGIT}){DIGIT}{{1,4}}{SEP})"
_NO_GROUP_AFTER = f"(?!{SEP}{DIGIT}{{1,4}}(?!{DIGIT}))"
_START = NOT_ALNUM_BEFORE + _NO_GROUP_BEFORE
_END = NOT_ALNUM_AFTER + _NO_GROUP_AFTER

_PLUS = "[+＋]"
_COUNTRY = (
    f"(?:(?:{_PLUS}|{_d('0')}{{2}})?{_d('8')}{_d('6')}"
    f"|[（(](?:{_PLUS}|{_d('0')}{{2}})?{_d('8')}{_d('6')}[)）])"
)
_PREFIX = f"(?:{_COUNTRY}{SEP}?)?"

# Mobiles: 11 digits, 1[3-9]…; one separator may follow any digit after the third (138-1234-5678).
_MOBILE_TAIL = f"(?:{SEP}?{DIGIT}){{8}}"
_MOBILE_ANY = f"{_d('1')}{_d('3-9')}{DIGIT}{_MOBILE_TAIL}"
# Segments in use (2024): 13x, 145–149, 150–153, 155–159, 162/165–167, 170–178, 18x, 19x but 194.
_MOBILE_KNOWN = (
    f"{_d('1')}(?:{_d('3')}{DIGIT}|{_d('4')}{_d('5-9')}|{_d('5')}{_d('0-35-9')}"
    f"|{_d('6')}{_d('2567')}|{_d('7')}{_d('0-8')}|{_d('8')}{DIGIT}|{_d('9')}{_d('0-35-9')})"
    f"{_MOBILE_TAIL}"
)

# Landlines: area code 010, 02x or 0[3-9]xx, subscriber number of 7–8 digits not starting 0/1,
# optional extension (转123, 分机123, -123).
_AREA = f"{_d('0')}(?:{_d('1')}{_d('0')}|{_d('2')}{DIGIT}|{_d('3-9')}{DIGIT}{{2}})"
_AREA_NO_ZERO = f"(?:{_d('1')}{_d('0')}|{_d('2')}{DIGIT}|{_d('3-9')}{DIGIT}{{2}})"
_SUBSCRIBER = f"{_d('2-9')}(?:{SEP}?{DIGIT}){{6,7}}"
_EXTENSION = f"(?:\\s?(?:转|分机|(?i:ext)\\.?|[\\-－])\\s?{DIGIT}{{1,5}})?"
_LANDLINE_FORMATTED = (
    f"(?:[（(]{_AREA}[)）]{SEP}?"
    f"|{_AREA}{SEP}"
    f"|{_COUNTRY}{SEP}?(?:[（(]{_d('0')}?{_AREA_NO_ZERO}[)）]|{_d('0')}?{_AREA_NO_ZERO}{SEP}))"
    f"{_SUBSCRIBER}{_EXTENSION}"
)
_LANDLINE_RUN = f"{_AREA}{_d('2-9')}{DIGIT}{{6,7}}"
# 138.3792.6610: a mobile grouped 3-4-4 with dots.
_MOBILE_DOTTED = f"{_d('1')}{_d('3-9')}{DIGIT}[.．]{DIGIT}{{4}}[.．]{DIGIT}{{4}}"
# A mobile the layout broke across lines (电话136 3299\n1840): a line break among its gaps.
_LINE_GAP = "[ \u3000\\-－‐—\\n]{0,2}"
_MOBILE_BROKEN = f"{_d('1')}(?=[^\\n]{{1,12}}\\n){_d('3-9')}(?:{_LINE_GAP}{DIGIT}){{9}}"
_LOCAL = f"{_d('2-9')}(?:{SEP}?{DIGIT}){{6,7}}"
_SERVICE = f"{_d('48')}{_d('0')}{{2}}{SEP}?{DIGIT}{{3}}{SEP}?{DIGIT}{{4}}"


# After 联系电话：/联系方式：/手机：… any number of phone length is a phone number, whatever its
# shape (a landline whose subscriber part starts oddly, a run of 11-12 digits).
_PHONE_LABEL = (
    "(?:联系方式|联系电话|电话号码|电话|手机号码|手机号|手机|座机|固话|移动电话|联系号码)"
    "[：:|｜\t]?[ \u3000\t]?"  # table cells too: 联系电话<tab>…, |联系方式|…
)
# +852 9123 4567, +7 924 118 3052, +84 912 345 678: a plus and a country code make any run of
# 8-13 digits (one separator between digits) a telephone number.
_INTERNATIONAL = f"[+＋]{DIGIT}{{1,3}}{SEP}?{DIGIT}(?:{SEP}?{DIGIT}){{6,11}}"
_LABELLED_NUMBER = (
    f"(?:[+＋]{DIGIT}{{1,3}}{SEP}?)?"  # a foreign number: +82 10 4418 2093
    f"(?:[（(]{DIGIT}{{3,4}}[)）]{SEP}?)?(?:{DIGIT}{SEP}?){{6,12}}{DIGIT}{_EXTENSION}"
)


_TRIGGER_GAP = "[ \u3000\\-－‐—()（）.．]"


class PhoneRecognizer(ChinesePatternRecognizer):
    """Mobiles (+86/0086 prefixes, separators, full-width digits) and landlines.

    A well-formed mobile of a segment in use, or a landline written with its area code set off
    by a separator or brackets, is evidence on its own (0.5). Anything vaguer (an unknown
    segment, a bare run of digits, a local number without area code, 400/800 service numbers)
    needs a context word such as 电话 or 联系方式 just before it.
    """

    ENTITY = entities.PHONE
    # every phone number holds six digits in a row, give or take separators
    TRIGGER = re.compile(
        f"[0-9０-９](?<![0-9０-９].){_TRIGGER_GAP}?(?:[0-9０-９]{_TRIGGER_GAP}?){{5}}"
    )
    TRIGGER_IN_NUMBERS = True
    WINDOW = 24  # labels and context words stand within this many characters
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "number after a phone label (labelled, medium)",
            f"{_PHONE_LABEL}\\K{_START}{_LABELLED_NUMBER}{_END}",
            0.6,
        ),
        Pattern(
            "mobile of a known segment or landline with area code set off (medium)",
            f"{_START}(?:{_PREFIX}{_MOBILE_KNOWN}|{_LANDLINE_FORMATTED}){_END}",
            0.5,
        ),
        Pattern("mobile (any 1[3-9] segment, weak)", _START + _PREFIX + _MOBILE_ANY + _END, 0.3),
        Pattern("mobile broken across lines (weak)", _START + _MOBILE_BROKEN + _END, 0.4),
        Pattern("mobile grouped with dots (medium)", _START + _MOBILE_DOTTED + _END, 0.5),
        Pattern("international number with + (medium)", _START + _INTERNATIONAL + _END, 0.55),
        Pattern("landline (digit run with area code, weak)", _START + _LANDLINE_RUN + _END, 0.2),
        Pattern(
            "local number without area code or 400/800 service number (very weak)",
            f"{_START}(?:{_SERVICE}|{_LOCAL}){_END}",
            0.1,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "联系电话",
        "联系方式",
        "手机号码",
        "电话号码",
        "手机号",
        "电话",
        "手机",
        "号码",
        "致电",
        "拨打",
        "来电",
        "短信",
        "座机",
        "固话",
        "登录账号",
        "Tel",
        "TEL",
        "tel",
    ]


_CN_DIGIT = "[〇○零一幺二三四五六七八九]"  # 幺: "one" as it is spoken in numbers
_CN_SEP = "[ \u3000\\-－‐—]?"


class SpelledPhoneRecognizer(ChinesePatternRecognizer):
    """Mobile numbers written in Chinese numerals (一三八〇〇一三八〇〇〇), as some clerks type
    them. Eleven numerals in a row starting 一三…一九 are no amount (amounts carry 十/百/千/万)."""

    ENTITY = entities.PHONE
    TRIGGER = re.compile("[一幺][三四五六七八九]")
    WINDOW = 16
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "mobile in chinese numerals (medium)",
            f"(?<!{_CN_DIGIT})[一幺][三四五六七八九](?:{_CN_SEP}{_CN_DIGIT}){{9}}(?!{_CN_DIGIT})",
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = PhoneRecognizer.CONTEXT
