"""What the redactor returns for one decision."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """One replaced stretch of the original ``full_text`` (offsets into the original)."""

    start: int
    end: int
    type: str
    replacement: str
    recognizer: str
    score: float
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Doubt:
    """Something a human should look at. Offsets are into the original text; the message
    never repeats a personal value."""

    kind: str  # name_like_left | unclassified_number | field_value_not_found | unfamiliar_layout
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Withholding:
    """A rule that keeps the decision off every channel, and why (legal basis included)."""

    reason: str  # not_effective | confidential | minor | summary_procedure | leak_guard
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RedactionResult:
    source_id: str
    redacted_text: str
    spans: list[Span]
    withholdings: list[Withholding] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return not self.withholdings

    @property
    def withhold_reason(self) -> str | None:
        return self.withholdings[0].reason if self.withholdings else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape written by ``gongkai redact`` (no original values outside the text)."""
        return {
            "source_id": self.source_id,
            "publishable": self.publishable,
            "withhold_reason": self.withhold_reason,
            "withhold_reasons": [w.reason for w in self.withholdings],
            "withhold_details": [w.to_dict() for w in self.withholdings],
            "redacted_text": self.redacted_text,
            "spans": [s.to_dict() for s in self.spans],
            "doubts": [d.to_dict() for d in self.doubts],
        }
