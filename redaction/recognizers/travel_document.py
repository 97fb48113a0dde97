"""Passports, exit-entry permits and foreigners' residence documents (护照、通行证、居留证件)."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern
from stdnum.cn import uscc

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    ALNUM,
    DIGIT,
    LETTER,
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    ChinesePatternRecognizer,
)
from gongkai.redaction.recognizers.plate import PROVINCES
from gongkai.redaction.text import first_character_alternation

# Not the tail of a licence plate (豫CD123456).
_START = NOT_ALNUM_BEFORE + f"(?<![{PROVINCES}])"
_END = NOT_ALNUM_AFTER

# Chinese passports: E/G + 8 digits, or E + letter (not I/O) + 7 digits; D/S/P for diplomatic,
# service and official passports.
_CN_PASSPORT = f"[EeGgDdSsPp](?:{DIGIT}{{8}}|[A-HJ-NP-Za-hj-np-z]{DIGIT}{{7}})"
# 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + 8 or 10 digits.
_HOME_RETURN = f"[HhMm]{DIGIT}{{8}}(?:{DIGIT}{{2}})?"
# 往来港澳通行证 (mainland residents): C + 8 characters.
_EEP = f"[Cc]{ALNUM}{DIGIT}{{7}}"
# Foreign passports: mostly one or two letters and 6–9 digits (C4815926, AB1234567).
_FOREIGN = f"{LETTER}{{1,2}}{DIGIT}{{6,9}}"
# 外国人永久居留身份证: old cards 3 letters (nationality) + 12 digits, 2023 cards 18 characters
# starting with 9.
_PR_OLD = f"{LETTER}{{3}}{DIGIT}{{12}}"
_PR_NEW = f"[9９]{DIGIT}{{16}}[0-9０-９XxＸｘ]"
# Hong Kong and Macao identity cards: the check digit in brackets makes the shape distinctive
# (K608531(4), 1234567(8)); Taiwan's: a letter, 1 or 2, then eight digits.
_HK_MO_ID = (
    f"(?:(?:{LETTER}{{1,2}}{DIGIT}{{6}}|[1578]{DIGIT}{{6}})[（(][0-9Aa][）)]"
    f"|[1578]/{DIGIT}{{6}}/{DIGIT})"  # Macao cards are also written 1/428375/6
)
_TW_ID = f"[A-Za-z][12]{DIGIT}{{8}}"

# A document's own name right before the value is the strongest evidence there is. The pattern
# starts with it (literal words the regex engine finds fast) and drops it with \K.
_LABEL = (
    "(?:护照|通行证|旅行证|居留许可|居留证|回乡证|台胞证|签证|海员证|船员证|边民证|证件(?=号)"
    "|(?i:passport))"
    "(?:号码|号|\\s?(?i:no)\\.?)?(?:为|是)?[：:\\s]{0,2}"
)
# 越南公民身份证号码：001308024517: another country's identity card, any length but the 15 or 18
# digits of a resident ID (which the ID recognizer reads, and which it must be left to).
_ID_CARD_LABEL = "身份证(?:号码|号)[：:\\s]{0,2}"
_RESIDENT_ID = f"{DIGIT}{{15}}{_END}|{DIGIT}{{17}}[0-9０-９XxＸｘ]{_END}"
_FOREIGN_ID_CARD = f"(?!{_RESIDENT_ID}){ALNUM}{{6,20}}{_END}(?![ \\-－]?[0-9０-９])"
# Russian and other passports are written in groups (67 4533713, E 1234 5678): up to two
# spaces may split the value, and every group after a space holds a digit (not "issued").
_GROUP = f"[ \u3000\\-－](?=[A-Za-zＡ-Ｚａ-ｚ]*[0-9０-９]){ALNUM}{{2,13}}"
_LABELLED_VALUE = f"(?:{ALNUM}{{2,15}}|{ALNUM}(?={_GROUP}))(?:{_GROUP}){{0,2}}"


class TravelDocumentRecognizer(ChinesePatternRecognizer):
    """Alphanumeric travel and residence document numbers.

    These shapes are ambiguous (codes of all kinds look like them), so the patterns alone stay
    below 0.5 and the evidence is a context word (护照, 通行证, 证件号码, 居留许可…) in the
    characters before: with it, a Chinese passport, home-return permit or old residence card
    shape scores 0.7, a C permit or 2023 residence card 0.6, a generic foreign passport shape
    0.5. A value written right after the document's name (护照　C4815926, 台胞证 12345678) is
    labelled and scores 0.6 on its own. Credit codes, law articles, standard numbers
    (GB 50016) and equipment codes (DSJ-LY0413) do not fit the shapes.
    """

    ENTITY = entities.TRAVEL_DOC
    # Every shape holds a letter before five digits, six digits before a bracket, a digit and
    # six between slashes, seventeen digits after a 9, or follows a document's name: elsewhere
    # the patterns are not run.
    # [A-Za-zＡ-Ｚａ-ｚ][0-9０-９]{5}|[0-9０-９]{6}[（(]|[0-9]/[0-9]{6}/|[9９][0-9０-９]{16}|护照|…
    TRIGGER = re.compile(
        first_character_alternation(
            ("A-Za-zＡ-Ｚａ-ｚ", "[0-9０-９]{5}"),
            # (digit shapes start a digit run: tried once per number, not at every digit)
            ("0-9０-９", "(?<![0-9０-９].)(?:[0-9０-９]{5,8}[（(]|/[0-9０-９]{6}/)"),
            ("9９", "(?<![0-9０-９].)[0-9０-９]{16}"),
            *[(word[0], word[1:]) for word in ["护照", "通行证", "旅行证", "居留", "回乡证"]],
            *[(word[0], word[1:]) for word in ["台胞证", "签证", "证件号", "Passport", "passport"]],
            *[(word[0], word[1:]) for word in ["海员证", "船员证", "边民证"]],
            # 身份证号码 only before what is no resident ID's 15 or 18 digits
            ("身", f"份证号码?+[：:\\s]{{0,2}}+(?!{_RESIDENT_ID})"),
            ("P", "ASSPORT"),
        )
    )
    WINDOW = 24
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "travel document after its name (labelled, medium)",
            f"{_LABEL}\\K{_START}{_LABELLED_VALUE}{_END}",
            0.6,
        ),
        Pattern(
            "chinese passport, home-return permit or old residence card (weak)",
            f"{_START}(?:{_CN_PASSPORT}|{_HOME_RETURN}|{_PR_OLD}){_END}",
            0.3,
        ),
        Pattern(
            "hong kong/macao permit C or 2023 residence card (weak)",
            f"{_START}(?:{_EEP}|{_PR_NEW}){_END}",
            0.2,
        ),
        Pattern(
            "identity card of another country after its label (labelled, medium)",
            f"{_ID_CARD_LABEL}\\K{_START}{_FOREIGN_ID_CARD}",
            0.6,
        ),
        Pattern("foreign passport letters+digits (very weak)", _START + _FOREIGN + _END, 0.1),
        Pattern("hong kong or macao identity card (medium)", _START + _HK_MO_ID, 0.6),
        Pattern("taiwan identity card (weak)", _START + _TW_ID + _END, 0.3),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "证件种类及号码",
        "证件号码",
        "证件号",
        "香港身份证",
        "澳门身份证",
        "台湾身份证",
        "身份证号码",
        "护照",
        "通行证",
        "旅行证",
        "居留许可",
        "居留证",
        "永久居留",
        "回乡证",
        "台胞证",
        "签证",
        "passport",
        "Passport",
        "PASSPORT",
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        if not any(ch.isdigit() for ch in pattern_text):
            return True
        value = pattern_text.upper()
        return len(value) == 18 and uscc.is_valid(value)
