"""The penalised party's own data from the record's structured fields, found in the text."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.text import fold, loose_pattern

_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z .'’\-]*[A-Za-z]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·•・‧∙]*[\u3400-\u9fff]")


def party_name_parts(party_name: str) -> list[str]:
    """``NGUYEN THI HONG（阮氏红）`` → [``NGUYEN THI HONG``, ``阮氏红``]; plain names → [name]."""
    parts = [m.group(0).strip() for m in _LATIN_RUN.finditer(party_name)]
    parts += [m.group(0) for m in _HAN_RUN.finditer(party_name)]
    return [p for p in parts if len(p) >= 2] or [party_name.strip()]


class KnownValueRecognizer(LocalRecognizer):
    """Built per decision (a Presidio ad-hoc recognizer): finds the party's name, ID number and
    birth date however the text writes them — spaced, full-width, upper or lower case.

    These values are known to be personal, so every hit scores 1.0.
    """

    ENTITY_NAME: ClassVar[str] = entities.PERSON

    def __init__(self, record: DecisionRecord, supported_language: str = "zh") -> None:
        self.targets: list[tuple[str, re.Pattern[str], str]] = []
        if record.is_natural_person:
            for part in party_name_parts(record.party_name):
                spaced = "[ \u3000]?".join(re.escape(c) for c in fold(part))
                self.targets.append((entities.PERSON, re.compile(spaced), "party_name"))
        if record.party_id_number and len(record.party_id_number.strip()) >= 6:
            kind = _id_kind(record.party_id_type, record.party_id_number)
            pattern = re.compile(loose_pattern(record.party_id_number))
            self.targets.append((kind, pattern, "party_id_number"))
        if record.party_birth_date:
            spellings = sorted(birth_date_spellings(record.party_birth_date), key=len, reverse=True)
            pattern = re.compile("|".join(re.escape(fold(s)) for s in spellings))
            self.targets.append((entities.BIRTH_DATE, pattern, "party_birth_date"))
        super().__init__(
            supported_entities=sorted({kind for kind, _, _ in self.targets} or {entities.PERSON}),
            name=type(self).__name__,
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def analyze(
        self,
        text: str,
        entities: list[str] | None = None,
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        folded = fold(text)
        results = []
        for kind, pattern, field in self.targets:
            for match in pattern.finditer(folded):
                explanation = AnalysisExplanation(
                    recognizer=self.name,
                    original_score=1.0,
                    textual_explanation=f"value of the record's '{field}' field",
                )
                results.append(
                    RecognizerResult(kind, *match.span(), 1.0, analysis_explanation=explanation)
                )
        return results


def _id_kind(id_type: str | None, number: str) -> str:
    if id_type and "身份证" not in id_type:
        return entities.TRAVEL_DOC
    digits = [c for c in fold(number) if c.isalnum()]
    return entities.ID_NUMBER if len(digits) in (15, 18) else entities.TRAVEL_DOC


_CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    """12 → 十二, 21 → 二十一 (months and days as written in Chinese dates)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else "") + (
        _CN_DIGITS[ones] if ones else ""
    )


def birth_date_spellings(day: dt.date) -> set[str]:
    """The ways a decision writes a date: 1986年7月21日, 1986年07月21日, 1986-07-21, 19860721 …"""
    y, m, d = day.year, day.month, day.day
    forms = {
        f"{y}年{m}月{d}日",
        f"{y}年{m:02d}月{d:02d}日",
        f"{y}-{m:02d}-{d:02d}",
        f"{y}-{m}-{d}",
        f"{y}.{m:02d}.{d:02d}",
        f"{y}.{m}.{d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}/{m}/{d}",
        f"{y}{m:02d}{d:02d}",
        "".join(_CN_DIGITS[int(c)] for c in str(y)) + f"年{_cn_number(m)}月{_cn_number(d)}日",
    }
    return forms
