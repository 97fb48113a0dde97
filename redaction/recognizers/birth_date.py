"""Birth dates of natural persons (出生日期).

A date is a birth date only when the text says so: a label before it (``出生日期：``,
``出生年月``, ``出生于``, ``生于``, ``生日``) or ``出生`` / ``生人`` / ``生，`` right after it
(``1988年5月30日出生``, ``（女，1997年出生）``). The span is the date alone, never the word
出生. A bare year counts when 出生 follows it: with the gender and age around it, it still
narrows the person down.

Decision dates, act dates (``2023年3月16日21时40分许``) and periods (``自…起至…止``) have none of
these anchors and are left alone. One weaker form is also taken: a full date standing alone in
the party's comma list right after the gender or ethnicity (``张某，男，1990年1月2日，汉族``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities
from gongkai.redaction.dates import DATE_REGEX, parse_date_parts
from gongkai.redaction.recognizers.base import ChinesePatternRecognizer
from gongkai.redaction.text import first_character_alternation

_LABEL = "(?:出生日期|出生年月日|出生年月|出生时间|生日|出生于|(?<![发产诞])生于)"
# The label starts the pattern (a literal the regex engine finds fast, where a lookbehind would
# be tried at every position) and Presidio's ``regex`` module drops it from the span with \K.
_LABEL_THEN = (
    f"{_LABEL}(?:[ ]?[/／][ ]?(?i:date of birth|d\\.?o\\.?b\\.?))?"  # 出生日期/Date of Birth：
    "[：:|｜\t]?[ \u3000\t]{0,2}(?:为|是)?[ \u3000]?\\K"
)
# 12.04.1979: day, month, year, as foreign documents write it; only right after a label.
_DAY_FIRST = "[0-3]?[0-9][./．][01]?[0-9][./．][12][0-9]{3}(?![0-9])"
# 02 APR 1988, 2-Apr-1988: passports' day, month name and year.
_MONTH_NAMED = (
    "[0-3]?[0-9][ \\-/.]?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[A-Za-z]*\\.?"
    "[ \\-/.]?[12][0-9]{3}(?![0-9])"
)
_BORN_AFTER = "(?=[ \u3000]?(?:出生|生人|生(?=[，,。；;、）)\\s]|$)))"
_FULL_DATE = (
    "(?:(?<![0-9０-９])[12１２][0-9０-９]{3}"
    "(?:年[0-9０-９]{1,2}月[0-9０-９]{1,2}[日号]|[-－/／.．][0-9０-９]{1,2}[-－/／.．][0-9０-９]{1,2})"
    "(?![0-9０-９])"
    "|[一二][一二三四五六七八九〇零○Ｏｏ０0]{3}年[元一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号])"
)
# 88年3月5日生: a two-digit year, only where 出生 vouches for it (before or after).
_SHORT_YEAR_DATE = (
    "(?<![0-9０-９])[0-9０-９]{2}年[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}[日号]?)?(?![0-9０-９])"
)
# (or a table row's cells: 吴金花　女　1981.02.14　5226…)
_AFTER_GENDER = "(?<=(?:[男女]|族)(?:[，,、][ \u3000]?|[ \u3000\t|｜]{1,4}))"
_GENDER_LIST_NEXT = "(?=[，,、 \u3000\t|｜])"
_GENDER_PATTERN = "birth_date after gender (medium)"


class BirthDateRecognizer(ChinesePatternRecognizer):
    """Dates anchored by 出生 (before or after); the span is the date only."""

    ENTITY = entities.BIRTH_DATE
    # Every pattern needs 生 (in the label or after the date) or a gender or ethnicity and a
    # comma or a table cell's space before the date, and its whole match stands within this
    # many characters of it.
    TRIGGER = re.compile(first_character_alternation(("生", ""), ("男女族", "[，,、 \u3000\t|｜]")))
    WINDOW = 40
    LABELLED_SCORE: ClassVar[float] = 0.8
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("birth_date after label", _LABEL_THEN + DATE_REGEX, LABELLED_SCORE),
        Pattern("birth_date before 出生", DATE_REGEX + _BORN_AFTER, LABELLED_SCORE),
        Pattern(_GENDER_PATTERN, _AFTER_GENDER + _FULL_DATE + _GENDER_LIST_NEXT, 0.55),
        Pattern("birth_date day first after label", _LABEL_THEN + _DAY_FIRST, LABELLED_SCORE),
        Pattern("birth_date day first before 出生", _DAY_FIRST + _BORN_AFTER, LABELLED_SCORE),
        Pattern(
            "birth_date with a month name after label", _LABEL_THEN + _MONTH_NAMED, LABELLED_SCORE
        ),
        Pattern(
            "birth_date with a two-digit year after label",
            _LABEL_THEN + _SHORT_YEAR_DATE,
            LABELLED_SCORE,
        ),
        Pattern(
            "birth_date with a two-digit year before 出生",
            _SHORT_YEAR_DATE + _BORN_AFTER,
            LABELLED_SCORE,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["出生", "生于", "生日"]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Pattern matches; an impossible date counts only where 出生 vouches for it.

        A garbled date after ``出生日期`` (``1986年2月30日``) is still the person's birth date and
        goes (fail-closed); without that anchor (after the gender) it must be a real date.
        """
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [
            r
            for r in results
            if r.analysis_explanation is None
            or r.analysis_explanation.pattern_name != _GENDER_PATTERN
            or parse_date_parts(text[r.start : r.end]) is not None
        ]
