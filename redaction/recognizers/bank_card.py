"""Bank card numbers (银行卡号): 16–19 digits, Luhn-checked, possibly grouped by four."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import luhn
from stdnum.cn import ric

from gongkai.redaction import entities
from gongkai.redaction.entities import ID_NUMBER
from gongkai.redaction.recognizers.base import (
    DIGIT,
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    SEP,
    ChinesePatternRecognizer,
    digits_only,
)

# Not the middle of a longer grouped number ("1234 5678 9012 3456 7890"): no short group plus
# separator right before, no separator plus short group right after.
_NO_GROUP_BEFORE = f"(?<!(?<!{DIGIT}){DIGIT}{{1,4}}{SEP})"
_NO_GROUP_AFTER = f"(?!{SEP}{DIGIT}{{1,4}}(?!{DIGIT}))"
_CARD = f"(?:{DIGIT}{SEP}?){{15,18}}{DIGIT}"

# First digits of card schemes issued or accepted in China: 62 UnionPay, 4 Visa, 5 / 22–27
# Mastercard, 3 JCB/Amex/Diners, 9 older domestic debit cards (9558…, 9559…).
_CARD_FIRST_DIGITS = ("3", "4", "5", "6", "9", "22", "23", "24", "25", "26", "27")


def _is_resident_id(number: str) -> bool:
    if len(number) != 18:
        return False
    try:
        born = ric.get_birth_date(number)
    except Exception:  # stdnum raises for impossible dates
        return False
    # stdnum accepts any year (a card number read as an ID may be "born" in 8057)
    return 1900 <= born.year <= dt.date.today().year and ric.calc_check_digit(number) == number[-1]


class BankCardRecognizer(ChinesePatternRecognizer):
    """16–19 digit card numbers.

    A Luhn-valid number starting like a card scheme scores 1.0. A number that fails Luhn keeps
    the weak score, so a context word (卡号, 银行卡, 账号…) right before it still lifts it to
    0.7: a mistyped card number is still a card number. Valid resident ID numbers are left to
    the ID recognizer, and a number labelled as a document number (编号, 文号…) with no card
    word nearby is dropped, because traffic decision numbers are 16 digits too.
    """

    ENTITY = entities.BANK_CARD
    TRIGGER = re.compile(
        "[0-9０-９](?<![0-9０-９].)[ \u3000\\-－‐—]?(?:[0-9０-９][ \u3000\\-－‐—]?){14}"
    )
    TRIGGER_IN_NUMBERS = True
    WINDOW = 24  # labels and context words stand within this many characters
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "bank_card (weak)",
            NOT_ALNUM_BEFORE + _NO_GROUP_BEFORE + _CARD + NOT_ALNUM_AFTER + _NO_GROUP_AFTER,
            0.3,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "银行卡号",
        "银行卡",
        "卡号",
        "借记卡",
        "信用卡",
        "储蓄卡",
        "账号",
        "帐号",
        "账户",
        "帐户",
        "银联",
    ]
    NEGATIVE_CONTEXT: ClassVar[list[str]] = [
        "编号",
        "文号",
        "决定书",
        "字第",
        "身份证",
        "身份号码",
        "档案",
        "订单号",
        "单号",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        number = digits_only(pattern_text)
        if luhn.is_valid(number) and number.startswith(_CARD_FIRST_DIGITS):
            return True
        return None

    def invalidate_result(self, pattern_text: str) -> bool:
        number = digits_only(pattern_text)
        return len(set(number)) == 1 or _is_resident_id(number)

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts | None,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        for result in raw_recognizer_results:
            if self.context_word_before(text, result.start) is not None:
                continue
            window = text[max(0, result.start - self.CONTEXT_WINDOW) : result.start]
            if any(word in window for word in self.NEGATIVE_CONTEXT):
                result.score = self.MIN_SCORE
        return super().enhance_using_context(
            text, raw_recognizer_results, other_raw_recognizer_results, nlp_artifacts, context
        )


class MaskedCardRecognizer(ChinesePatternRecognizer):
    """Card numbers printed with digits masked (6217 **** **** 5236, 623058******7712), as bank
    statements and apps show them. What stays visible ties the card to its holder: removed
    whole, like a card number (fail closed)."""

    ENTITY = entities.BANK_CARD
    TRIGGER = re.compile("[*＊][*＊]")
    WINDOW = 24
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "masked card number (medium)",
            "(?<![0-9A-Za-z*＊])[0-9]{4}(?:[ ]?[0-9*＊]){8,15}(?<=[0-9])(?![0-9A-Za-z*＊])",
            0.6,
        ),
    ]

    _ID_WORDS: ClassVar[tuple[str, ...]] = ("身份证", "身份号码", "证件号")

    def analyze(
        self,
        text: str,
        entities: list[str] | None,
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:  # 身份证号4103**********0512: a masked ID number
            before = text[max(0, result.start - 8) : result.start]
            if any(word in before for word in self._ID_WORDS):
                result.entity_type = ID_NUMBER
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        digits_and_masks = pattern_text.replace(" ", "")
        masks = sum(ch in "*＊" for ch in digits_and_masks)
        tail = len(digits_and_masks) - len(digits_and_masks.rstrip("0123456789"))
        return None if masks >= 4 and tail >= 3 else False
