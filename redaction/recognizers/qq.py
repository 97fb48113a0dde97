"""QQ numbers (QQ号), found only right after a QQ label."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    DIGIT,
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    ChinesePatternRecognizer,
)
from gongkai.redaction.text import first_character_alternation

# digits, possibly grouped by single spaces (2309 8817 56)
_NUMBER = f"[1-9１-９](?:[ \u3000]?{DIGIT}){{4,10}}"
# "QQ号：", "QQ号码为", "qq 12345678", "扣扣号". The pattern starts with the label (literal words
# the regex engine finds fast) and drops it with \K, so the span is the number only.
_LABEL = (
    "(?:(?i:QQ|ＱＱ)|扣扣|企鹅号)(?:号码|号|账号|帐号)?(?:为|是)?[：:\\s（(]{0,2}"
    "(?:号码|号|账号)?[：:为是]?"  # QQ（号码2786345109）
)
# A list after one label (QQ号：1…、2…): each further number, found from its separator.
_LIST_SEP = "(?:、|，|,|/|及|和)\\s?"
_LIST_ITEM = f"{_LIST_SEP}(?<={_LABEL}(?:{_NUMBER}{_LIST_SEP})*{_NUMBER}{_LIST_SEP})\\K"
# An amount is not a QQ number (QQ：12450元).
_VALUE = f"{NOT_ALNUM_BEFORE}{_NUMBER}{NOT_ALNUM_AFTER}(?!\\s?[元万千])"
# Right after the label the number may follow with no separator at all (QQ853217640).
_VALUE_AFTER_LABEL = f"(?<![0-9０-９]){_NUMBER}{NOT_ALNUM_AFTER}(?!\\s?[元万千])"


class QqRecognizer(ChinesePatternRecognizer):
    """5–11 digit numbers written after QQ, QQ号, QQ号码 or 扣扣.

    Digit runs are everywhere in a decision, so there is no unlabelled pattern at all: the label
    starts the pattern and is dropped from the match (the span is the number only); a labelled
    number scores 0.6, and the context word lifts it to 1.0.
    """

    ENTITY = entities.QQ
    # QQ|ＱＱ|扣扣 in any case, first character first (the scan skips to it fast)
    TRIGGER = re.compile(
        first_character_alternation(
            ("Qq", "[Qq]"), ("Ｑｑ", "[Ｑｑ]"), ("扣", "扣"), ("企", "鹅号")
        )
    )
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "qq number after QQ label (labelled, medium)",
            f"{_LABEL}\\K{_VALUE_AFTER_LABEL}",
            0.6,
        ),
        Pattern(
            "qq number further in a labelled list (labelled, medium)", _LIST_ITEM + _VALUE, 0.6
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["QQ号码", "QQ号", "QQ", "qq", "Qq", "ＱＱ", "扣扣"]
