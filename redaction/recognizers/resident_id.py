"""Resident identity card numbers (居民身份证号码)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum.cn import ric

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import (
    DIGIT,
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    SEP,
    ChinesePatternRecognizer,
    digits_only,
)

_X = "[0-9０-９XxＸｘ]"
# 6 region digits, 8 birth-date digits, 3 sequence digits, a check character. Writers group
# them in any way (6-8-4, 4-4-4-4-2, …) with spaces or dashes: one separator may follow any digit.
_ID18 = f"(?:{DIGIT}{SEP}?){{17}}{_X}"
_ID15 = f"(?:{DIGIT}{SEP}?){{14}}{DIGIT}"
# A number broken by the layout (copied from a form or PDF): one line break inside.
_ID18_BROKEN = f"(?:{DIGIT}{SEP}?){{1,16}}\r?\n(?:{DIGIT}{SEP}?){{1,16}}{_X}"
# 420102.19891214.1539: region, birth date and the rest set off by dots.
_ID18_DOTTED = f"{DIGIT}{{6}}[.．]{DIGIT}{{8}}[.．]{DIGIT}{{3}}{_X}"


# The first two digits of a resident ID: a province (and 71/81/82/83 for Taiwan, Hong Kong,
# Macao residents' permits, 91 for overseas Chinese).
_PROVINCE_CODE = re.compile("1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3]|91")


def _valid_birth(yyyymmdd: str) -> bool:
    import datetime as dt

    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year <= dt.date.today().year


class ResidentIdRecognizer(ChinesePatternRecognizer):
    """18-digit numbers (check digit via python-stdnum) and old 15-digit numbers.

    The region code is *not* required to be known: real numbers carry abolished codes that
    stdnum's table lacks, so a wrong check digit with a plausible birth date still scores
    medium (a typo in an ID number is still an ID number).
    """

    ENTITY = entities.ID_NUMBER
    TRIGGER = re.compile(
        "[0-9０-９](?<![0-9０-９].)[ \u3000\\-－‐—\n.．]?(?:[0-9０-９][ \u3000\\-－‐—\n.．]?){13}"
    )
    TRIGGER_IN_NUMBERS = True
    WINDOW = 24  # labels and context words stand within this many characters
    PATTERNS = [
        Pattern("resident_id_18 (weak)", NOT_ALNUM_BEFORE + _ID18 + NOT_ALNUM_AFTER, 0.3),
        Pattern("resident_id_15 (weak)", NOT_ALNUM_BEFORE + _ID15 + NOT_ALNUM_AFTER, 0.2),
        Pattern(
            "resident_id_18 with dots (weak)",
            NOT_ALNUM_BEFORE + _ID18_DOTTED + NOT_ALNUM_AFTER,
            0.3,
        ),
        Pattern(
            "resident_id_18 across a line break (weak)",
            NOT_ALNUM_BEFORE + _ID18_BROKEN + NOT_ALNUM_AFTER,
            0.2,
        ),
    ]
    PLAUSIBLE_SCORE = 0.55
    CONTEXT = ["身份证", "公民身份号码", "身份号码", "证件号码", "证件号", "证号", "驾驶证"]

    def validate_result(self, pattern_text: str) -> bool | None:
        number = digits_only(pattern_text)
        if len(number) == 18:
            if not _valid_birth(number[6:14]):
                return False
            if ric.calc_check_digit(number) == number[-1]:
                return True
            return None  # plausible but mistyped: keep the weak score, context may lift it
        if len(number) == 15:
            if not _valid_birth("19" + number[6:12]):
                return False
            # Old numbers were issued to people born in the 20th century's later decades; a
            # 15-digit registration number (注册号3301020001…) reads as born 1900: weak, unless
            # a context word says it is an ID number.
            return True if number[6:8] >= "20" else None
        return False

    def unvalidated_score(self, pattern_text: str, score: float) -> float:
        # 18 digits with a province's code and a real birth date in place are an ID number
        # with a typo (or one a writer made up) far more often than anything else: redacted
        # without a context word, unlike a mere 18-digit shape.
        number = digits_only(pattern_text)
        if len(number) == 18 and _PROVINCE_CODE.fullmatch(number[:2]):
            return max(score, self.PLAUSIBLE_SCORE)
        return score

    def invalidate_result(self, pattern_text: str) -> bool:
        number = digits_only(pattern_text)
        return len(set(number)) == 1

    # 原注册号330782600123456: a business's old 15-digit registration number, labelled as such
    # right before it (not 未办理营业执照，其雇主王五（41031190…）: an ID number)
    _REGISTRATION_LABEL = re.compile("(?:注册号|注册登记号|执照号)码?(?:为|是)?[：: ]?$")

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts | None,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        results = super().enhance_using_context(
            text, raw_recognizer_results, other_raw_recognizer_results, nlp_artifacts, context
        )
        for result in results:
            if (
                len(digits_only(text[result.start : result.end])) == 15
                and self._REGISTRATION_LABEL.search(text, max(0, result.start - 8), result.start)
                and self.context_word_before(text, result.start) is None
            ):
                result.score = 0.0
        return results


_CN_DIGITS = str.maketrans("〇○零一幺二三四五六七八九", "0001123456789")
_CN_DIGIT = "[〇○零一幺二三四五六七八九]"


class SpelledResidentIdRecognizer(ChinesePatternRecognizer):
    """ID numbers recited in Chinese numerals (三二〇五八三幺九九四〇二幺四二五三二), as a
    statement records them: read as digits, then checked like any ID number."""

    ENTITY = entities.ID_NUMBER
    TRIGGER = re.compile(f"{_CN_DIGIT}{_CN_DIGIT}{{16}}")  # (one class first: a fast scan)
    WINDOW = 4
    PATTERNS = [
        Pattern(
            "resident_id_18 in chinese numerals (weak)",
            f"(?<!{_CN_DIGIT}){_CN_DIGIT}{{17}}(?:{_CN_DIGIT}|[XxＸｘ叉])(?!{_CN_DIGIT})",
            0.3,
        )
    ]
    CONTEXT = ResidentIdRecognizer.CONTEXT

    def validate_result(self, pattern_text: str) -> bool | None:
        number = pattern_text.translate(_CN_DIGITS).replace("叉", "X")
        if not _valid_birth(number[6:14]):
            return False
        return True if ric.calc_check_digit(number) == number[-1].upper() else None

    def unvalidated_score(self, pattern_text: str, score: float) -> float:
        number = pattern_text.translate(_CN_DIGITS)
        return max(score, 0.55) if _PROVINCE_CODE.fullmatch(number[:2]) else score
