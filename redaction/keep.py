"""Stretches of a decision that must stay readable (``shared/domain.md``: what stays).

Over-redaction is a defect: the agency, the document number, the penalised organisation and
its credit code, the laws applied, and the courts and governments named for appeal must
survive. A detection that lies wholly inside one of these is dropped.
"""

from __future__ import annotations

import re

from gongkai.redaction.names import find_all
from gongkai.redaction.record import DecisionRecord

_LAW_TITLE = re.compile(r"《[^》\n]{2,60}》")
# Courts and governments named for appeal: a chain of place names (each ending in an
# administrative unit) before the body, so the stretch can never swallow a sentence.
_APPEAL_BODY = re.compile(
    r"(?:(?:(?![向对于在与和及或的是被把将从到者并内起日])[\u4e00-\u9fff]){1,6}?"
    r"(?:省|自治区|市|自治州|州|盟|地区|区|县|旗))+"
    r"(?:人民法院|人民政府|人民检察院|中级人民法院|铁路运输法院|公安局|公安厅)"
)


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
    spans.extend(m.span() for m in _APPEAL_BODY.finditer(text))
    return spans


def inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)
