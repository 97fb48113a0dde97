"""The decision as reviewers see it: rendered from the original plus the annotations in force
(``gongkai.redaction.render``), cut into segments the templates highlight by type."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.redaction import entities
from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record
from gongkai.redaction.render import Annotation
from gongkai.redaction.result import RedactionResult, Span
from gongkai.store.review import DecisionView

# Chinese labels for the entity types (UI), in the order the correction form offers them.
TYPE_LABELS: dict[str, str] = {
    entities.PERSON: "姓名",
    entities.ID_NUMBER: "身份证号",
    entities.PHONE: "电话号码",
    entities.ADDRESS: "详细地址",
    entities.BIRTH_DATE: "出生日期",
    entities.BANK_CARD: "银行卡号",
    entities.PLATE: "车牌号",
    entities.TRAVEL_DOC: "证件号码",
    entities.EMAIL: "电子邮箱",
    entities.QQ: "QQ号",
    entities.WECHAT: "微信号",
    entities.IP_ADDRESS: "IP地址",
    entities.VIN: "车辆识别代号",
    entities.ACCOUNT: "账号",
}

_redactor: Redactor | None = None
_lock = threading.Lock()


def redactor() -> Redactor:
    """One redactor per process (about a second to build), shared by all requests."""
    global _redactor
    with _lock:
        if _redactor is None:
            _redactor = Redactor()
        return _redactor


@dataclass(frozen=True)
class Segment:
    """A piece of text: plain, or a replacement standing for ``original``."""

    text: str
    span: Span | None = None
    original: str = ""
    human: bool = False

    @property
    def label(self) -> str:
        return TYPE_LABELS.get(self.span.type, self.span.type) if self.span else ""


@dataclass(frozen=True)
class Rendered:
    result: RedactionResult
    redacted: list[Segment]  # the text as it would be published
    original: list[Segment]  # the original, the same stretches marked (staff only)

    @property
    def leak_guard_hit(self) -> str | None:
        for w in self.result.withholdings:
            if w.reason == "leak_guard":
                return w.detail
        return None


def render_decision(view: DecisionView, annotations: Sequence[dict]) -> Rendered:
    record = parse_record(view.record)
    result = redactor().rerender(record, [Annotation(**a) for a in annotations])
    human = {(a["start"], a["end"]) for a in annotations if a["human"] and a["action"] == "redact"}
    text = record.full_text
    redacted: list[Segment] = []
    original: list[Segment] = []
    last = 0
    for span in result.spans:
        if span.start > last:
            redacted.append(Segment(text[last : span.start]))
            original.append(Segment(text[last : span.start]))
        value = text[span.start : span.end]
        is_human = (span.start, span.end) in human or span.recognizer.startswith("user:")
        redacted.append(Segment(span.replacement, span, value, is_human))
        original.append(Segment(value, span, value, is_human))
        last = span.end
    if last < len(text):
        redacted.append(Segment(text[last:]))
        original.append(Segment(text[last:]))
    return Rendered(result, redacted, original)
