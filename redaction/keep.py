"""Stretches of a decision that must stay readable (``shared/domain.md``: what stays).

Over-redaction is a defect: the agency, the document number, the penalised organisation and
its credit code, the laws applied, and the courts and governments named for appeal must
survive. A detection that lies wholly inside one of these is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from gongkai.redaction.names import find_all
from gongkai.redaction.record import DecisionRecord

_LAW_TITLE = re.compile(r"《[^》\n]{2,60}》")
# Courts and governments named for appeal: a chain of place names (each ending in an
# administrative unit) before the body, so the stretch can never swallow a sentence.
_APPEAL_BODY = re.compile(r"人民法院|人民政府|人民检察院|铁路运输法院|公安局|公安厅")
_UNIT_CHARS = frozenset("省市州盟区县旗")
_NOT_IN_PLACE_NAME = frozenset("向对于在与和及或的是被把将从到者并内起日，。、；：:（）()《》\n ")
_MAX_PLACE_PART = 7  # 乌鲁木齐 + 市, 新疆维吾尔 + 自治区 …


def keep_spans(record: DecisionRecord, text: str | None = None) -> list[tuple[int, int]]:
    """(start, end) stretches of ``text`` (default: the record's text) that must stay."""
    text = record.full_text if text is None else text
    values = [record.decision_no, record.agency]
    if not record.is_natural_person:
        values.append(record.party_name)
    if record.party_credit_code:
        values.append(record.party_credit_code)
    spans: list[tuple[int, int]] = []
    for value in values:
        value = value.strip()
        if len(value) >= 2:
            spans.extend((s, s + len(value)) for s in find_all(text, value))
    spans.extend(m.span() for m in _LAW_TITLE.finditer(text))
    for match in _APPEAL_BODY.finditer(text):
        start = _place_chain_start(text, match.start())
        if start < match.start():
            spans.append((start, match.end()))
    return spans


def _place_chain_start(text: str, end: int) -> int:
    """Walk left from a court or government over place names that each end in an
    administrative unit (洛阳市 涧西区 …), so the stretch can never swallow a sentence."""
    start = end
    while start > 0 and text[start - 1] in _UNIT_CHARS:
        part_start = start - 1
        limit = max(0, start - 1 - _MAX_PLACE_PART)
        while (
            part_start > limit
            and text[part_start - 1] not in _NOT_IN_PLACE_NAME
            and (text[part_start - 1] not in _UNIT_CHARS)
        ):
            part_start -= 1
        if part_start == start - 1:  # a unit character with no name before it
            break
        start = part_start
    return start


def inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


class Stretches:
    """A set of (start, end) stretches with a fast "wholly inside one of them" test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]
        # the furthest end reached by any stretch starting at or before each position
        self._reach: list[int] = []
        furthest = -1
        for _, e in self.spans:
            furthest = max(furthest, e)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Does any stretch share a character with [start, end)?"""
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._reach[i] > start

    def contains(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        while i >= 0 and self._reach[i] >= end:
            s, e = self.spans[i]
            if s <= start and end <= e:
                return True
            i -= 1
        return False
