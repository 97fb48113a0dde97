"""The penalised party's own data from the record's structured fields, found in the text."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities
from gongkai.redaction.dates import DATE_SCAN_RE, parse_date_parts
from gongkai.redaction.names import division_here
from gongkai.redaction.record import DecisionRecord
from gongkai.redaction.text import ascii_lookalikes, compact, fold

_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z .'’\-]*[A-Za-z]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·•・‧∙]*[\u3400-\u9fff]")


def party_name_aliases(party_name: str) -> list[str]:
    """The parts of a party name, plus each word of a Latin-letter name on its own: decisions
    call JOHNSON MICHAEL DAVID just "JOHNSON" later, or write it Michael David JOHNSON."""
    parts = party_name_parts(party_name)
    words = [w for p in parts if p.isascii() for w in p.split() if len(w) >= 3 and w.isalpha()]
    return parts + [w for w in words if w not in parts]


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
        # Nothing is compiled per record: that would cost more than the whole analysis.
        self.names: list[str] = []
        if record.is_natural_person:
            self.names = [fold(part) for part in party_name_aliases(record.party_name)]
        self.id_kind: str | None = None
        self.id_compact = ""
        self.id_scanned = ""  # the same number as the analysis text reads its O and l
        if record.party_id_number and len(compact(record.party_id_number)) >= 6:
            self.id_kind = _id_kind(record.party_id_type, record.party_id_number)
            self.id_compact = compact(record.party_id_number)
            scanned = compact(ascii_lookalikes(record.party_id_number))
            self.id_scanned = scanned if scanned != self.id_compact else ""
        self.birth = record.party_birth_date
        self._year = str(record.party_birth_date.year) if record.party_birth_date else ""
        self._cn_year = "".join("〇一二三四五六七八九"[int(d)] for d in self._year)
        # the original text and the redacted one, each asked about more than once
        self._found: dict[int, tuple[str, list[tuple[str, int, int, str]]]] = {}
        kinds = {entities.PERSON} if self.names else set()
        kinds |= {self.id_kind} if self.id_kind else set()
        kinds |= {entities.BIRTH_DATE} if self.birth else set()
        super().__init__(
            supported_entities=sorted(kinds or {entities.PERSON}),
            name=type(self).__name__,
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def find(self, text: str, strict: bool = False) -> list[tuple[str, int, int, str]]:
        """(entity type, start, end, record field) of every known value in ``text``.

        ``strict`` (the leak guard): the party's name wherever it stands, even where a party
        named like a district (和平) shares the district's name (和平区)."""
        key = (id(text), strict)
        cached = self._found.get(key)
        if cached is not None and cached[0] is text:
            return cached[1]  # the engine asks again: the leak guard, the doubts
        found = self._find(text, strict)
        self._found[key] = (text, found)
        return found

    def _find(self, text: str, strict: bool) -> list[tuple[str, int, int, str]]:
        folded = fold(text)
        spans: list[tuple[str, int, int, str]] = []
        for name in self.names:
            place_here = not strict and not name.isascii() and _names_a_district(folded, name)
            spans += [
                (ENTITY_PERSON, s, e, "party_name")
                for s, e in find_spaced(folded, name)
                if (_whole_word(folded, s, e) if name.isascii() else True)
                and not (place_here and _PLACE_AFTER_NAME.match(folded, e))
                # (a party named 乌兰 in 乌兰察布市: a division's full name, not the person)
                and not division_here(folded, s) > e - s
            ]
        if self.id_kind:
            for value in (self.id_compact, self.id_scanned):
                if value:
                    spans += [
                        (self.id_kind, s, e, "party_id_number")
                        for s, e in _find_compact(folded, value)
                    ]
        if self.birth:
            # 88年3月5日: the birth date with a two-digit year
            short = f"{self.birth.year % 100:02d}年{self.birth.month}月{self.birth.day}日"
            at = folded.find(short)
            while at != -1:
                if not folded[at - 1 : at].isdigit():
                    spans.append((ENTITY_BIRTH_DATE, at, at + len(short), "party_birth_date"))
                at = folded.find(short, at + 1)
        if self.birth and (self._year in folded or _CN_YEAR.search(folded)):
            wanted = (self.birth.year, self.birth.month, self.birth.day)
            for match in _DATE_RE.finditer(folded):
                written = match.group(0)
                year = written[:4].translate(_CN_ZERO) if not written[0].isdigit() else written
                if not year.startswith((self._year, self._cn_year)):
                    continue  # cheap: most dates in a decision are other years
                if parse_date_parts(written) == wanted:
                    spans.append((ENTITY_BIRTH_DATE, *match.span(), "party_birth_date"))
        return spans

    def analyze(
        self,
        text: str,
        entities: list[str] | None = None,
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        return [
            RecognizerResult(
                kind,
                start,
                end,
                1.0,
                analysis_explanation=AnalysisExplanation(
                    recognizer=self.name,
                    original_score=1.0,
                    textual_explanation=f"value of the record's '{field}' field",
                ),
            )
            for kind, start, end, field in self.find(text)
        ]


# A party named like a district (和平 in a decision of 天津市公安局和平分局): where the text uses
# the name as the district's (和平区), the place words after it (和平区, 和平路, 公安局和平分局)
# stay readable for the redaction; the leak guard still counts every occurrence (fail closed).
_PLACE_AFTER_NAME = re.compile(
    "区|县|市(?!场)|镇|乡|村|山|路(?!过|上)|街(?!头)|大道|分局|派出所|广场"
)
_DISTRICT_AFTER_NAME = re.compile("区|县|市(?!场)")


def _names_a_district(folded: str, name: str) -> bool:
    return any(_DISTRICT_AFTER_NAME.match(folded, end) for _, end in find_spaced(folded, name))


ENTITY_PERSON = entities.PERSON
ENTITY_BIRTH_DATE = entities.BIRTH_DATE
_DATE_RE = DATE_SCAN_RE
_SPACES = " \u3000\n"  # stray spaces, or a line break the layout put inside a name
# A run of letters and digits with separators inside: where a spaced identifier can stand.
# (Tried once per run, at its first character; possessive, since no run gives back a
# character to a separator.)
_SEPARATED_RUN = re.compile(
    "[0-9a-z](?<![0-9a-z].)[0-9a-z]*+(?:[ \u3000\\-‐‑–—－\n.]{1,2}[0-9a-z]++)+"
)
_CN_ZERO = str.maketrans("零○ｏo0", "〇〇〇〇〇")
_CN_YEAR = re.compile("[一二][〇零○ｏo0一二三四五六七八九]{3}年")


def _whole_word(text: str, start: int, end: int) -> bool:
    """A Latin name is a whole word: JOHN is not inside JOHNSON."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


def find_spaced(folded: str, name: str) -> list[tuple[int, int]]:
    """Occurrences of ``name`` in the folded text, with stray spaces allowed (孙 海 涛)."""
    found = []
    for pos in _starts(folded, name):
        if folded.startswith(name, pos):  # written without spaces: the common case
            found.append((pos, pos + len(name)))
            continue
        i, j = pos, 0
        while i < len(folded) and j < len(name):
            if folded[i] == name[j]:
                j += 1
            elif not (j and folded[i] in _SPACES):
                break
            i += 1
        if j == len(name):
            found.append((pos, i))
    return found


def _starts(folded: str, name: str) -> list[int]:
    """Where an occurrence of ``name`` can start: its first character, then its second or a
    space (a surname stands in the text far more often than the person's name does)."""
    if not name:
        return []
    if len(name) == 1:
        heads = [name]
    else:
        heads = [name[:2]] + [name[0] + space for space in _SPACES if space != name[1]]
    starts = []
    for head in heads:
        at = folded.find(head)
        while at != -1:
            starts.append(at)
            at = folded.find(head, at + 1)
    return sorted(starts)


def _find_compact(folded: str, value: str) -> list[tuple[int, int]]:
    """Occurrences of an identifier however spaced or dashed: runs whose letters and digits,
    read without separators, hold ``value``."""
    found = []
    at = folded.find(value)
    while at != -1:  # written as is: the common case, found without looking at runs
        found.append((at, at + len(value)))
        at = folded.find(value, at + 1)
    for run in _SEPARATED_RUN.finditer(folded):
        if run.end() - run.start() < len(value) or value[0] not in run.group(0):
            continue
        positions = [i for i in range(run.start(), run.end()) if folded[i].isalnum()]
        chars = "".join(folded[i] for i in positions)
        at = chars.find(value)
        while at != -1:
            span = (positions[at], positions[at + len(value) - 1] + 1)
            if span not in found:
                found.append(span)
            at = chars.find(value, at + 1)
    return found


def _id_kind(id_type: str | None, number: str) -> str:
    if id_type and "身份证" not in id_type:
        return entities.TRAVEL_DOC
    digits = [c for c in fold(number) if c.isalnum()]
    return entities.ID_NUMBER if len(digits) in (15, 18) else entities.TRAVEL_DOC


_SPACE = "[ \u3000]*"
_CN_DIGIT_FORMS = {0: "[〇零○ｏo0]"} | {n: ch for n, ch in enumerate("一二三四五六七八九", 1)}
_CN_UNITS = "一二三四五六七八九"


def _cn_small(n: int) -> str:
    """A month or day in Chinese numerals: 7 → 七, 12 → 十二, 21 → 二十一 (1 month: 一 or 元)."""
    tens, ones = divmod(n, 10)
    text = (("" if tens == 1 else _CN_UNITS[tens - 1]) + "十" if tens else "") + (
        _CN_UNITS[ones - 1] if ones else ""
    )
    return text


def birth_date_regex(day: dt.date) -> str:
    """A regex (on folded text) for every way a decision writes this date: 1986年7月21日,
    1986 年 07 月 21 号, 1986-07-21, 1986.7.21, 19860721, 一九八六年七月二十一日, 二〇〇六年…"""
    y, m, d = day.year, day.month, day.day
    arabic_month = f"0?{m}" if m < 10 else str(m)
    arabic_day = f"0?{d}" if d < 10 else str(d)
    cn_year = "".join(_CN_DIGIT_FORMS[int(c)] for c in str(y))
    cn_month = "(?:元|一)" if m == 1 else _cn_small(m)
    forms = [
        f"{y}{_SPACE}年{_SPACE}{arabic_month}{_SPACE}月{_SPACE}{arabic_day}{_SPACE}[日号]",
        f"{y}[-./]{arabic_month}[-./]{arabic_day}(?![0-9])",
        f"(?<![0-9]){y}{m:02d}{d:02d}",
        f"{cn_year}年{cn_month}月{_cn_small(d)}[日号]",
    ]
    return "|".join(f"(?:{form})" for form in forms)
