"""The export-v1 decision record (``shared/spec/export-v1.md``) and its validation.

The redactor takes a :class:`DecisionRecord`. :func:`parse_record` turns one decoded JSON
object into a record or raises :class:`RecordError` naming the field at fault, so the caller
can report file, line and field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

PARTY_TYPES = ("natural_person", "legal_person", "other_org")
PROCEDURES = ("general", "simple")
STATUSES = ("effective", "changed", "revoked", "confirmed_illegal", "confirmed_void")

REQUIRED_STRINGS = (
    "source_id",
    "decision_no",
    "agency",
    "party_type",
    "party_name",
    "violation_type",
    "legal_basis",
    "status",
    "full_text",
)


class RecordError(ValueError):
    """A record that does not follow export-v1; ``field`` names the culprit."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"field '{field_name}': {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class DecisionRecord:
    source_id: str
    decision_no: str
    agency: str
    decision_date: dt.date
    party_type: str
    party_name: str
    violation_type: str
    legal_basis: str
    penalty_types: tuple[str, ...]
    fine_amount_yuan: float
    status: str
    full_text: str
    party_id_type: str | None = None
    party_id_number: str | None = None
    party_birth_date: dt.date | None = None
    party_credit_code: str | None = None
    procedure: str = "general"
    confidential: bool = False
    status_reason: str | None = None
    updated_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_natural_person(self) -> bool:
        return self.party_type == "natural_person"


def _date(raw: dict[str, Any], name: str, required: bool) -> dt.date | None:
    value = raw.get(name)
    if value is None or value == "":
        if required:
            raise RecordError(name, "missing")
        return None
    if not isinstance(value, str):
        raise RecordError(name, f"expected a YYYY-MM-DD string, got {type(value).__name__}")
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError(name, f"not a YYYY-MM-DD date: {value!r}") from None


def _optional_str(raw: dict[str, Any], name: str) -> str | None:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(name, f"expected a string, got {type(value).__name__}")
    return value or None


KNOWN_FIELDS = frozenset(
    (
        *REQUIRED_STRINGS,
        "decision_date",
        "penalty_types",
        "fine_amount_yuan",
        "party_id_type",
        "party_id_number",
        "party_birth_date",
        "party_credit_code",
        "procedure",
        "confidential",
        "status_reason",
        "updated_at",
    )
)


def parse_record(raw: Any) -> DecisionRecord:
    """Validate one decoded export-v1 object; unknown extra fields are kept in ``extra``."""
    if not isinstance(raw, dict):
        raise RecordError("(record)", f"expected a JSON object, got {type(raw).__name__}")
    for name in REQUIRED_STRINGS:
        value = raw.get(name)
        if value is None:
            raise RecordError(name, "missing")
        if not isinstance(value, str):
            raise RecordError(name, f"expected a string, got {type(value).__name__}")
        if not value.strip():
            raise RecordError(name, "empty")
    if raw["party_type"] not in PARTY_TYPES:
        raise RecordError("party_type", f"unknown value {raw['party_type']!r}")
    if raw["status"] not in STATUSES:
        raise RecordError("status", f"unknown value {raw['status']!r}")
    procedure = raw.get("procedure") or "general"
    if procedure not in PROCEDURES:
        raise RecordError("procedure", f"unknown value {procedure!r}")
    penalties = raw.get("penalty_types")
    if penalties is None:
        raise RecordError("penalty_types", "missing")
    if not isinstance(penalties, list) or not all(isinstance(p, str) for p in penalties):
        raise RecordError("penalty_types", "expected an array of strings")
    fine = raw.get("fine_amount_yuan")
    if fine is None:
        raise RecordError("fine_amount_yuan", "missing")
    if isinstance(fine, bool) or not isinstance(fine, int | float) or fine < 0:
        raise RecordError("fine_amount_yuan", f"expected a non-negative number, got {fine!r}")
    confidential = raw.get("confidential", False)
    if confidential is None:
        confidential = False
    if not isinstance(confidential, bool):
        raise RecordError("confidential", f"expected true or false, got {confidential!r}")
    return DecisionRecord(
        source_id=raw["source_id"],
        decision_no=raw["decision_no"],
        agency=raw["agency"],
        decision_date=_date(raw, "decision_date", required=True),  # type: ignore[arg-type]
        party_type=raw["party_type"],
        party_name=raw["party_name"],
        violation_type=raw["violation_type"],
        legal_basis=raw["legal_basis"],
        penalty_types=tuple(penalties),
        fine_amount_yuan=float(fine),
        status=raw["status"],
        full_text=raw["full_text"],
        party_id_type=_optional_str(raw, "party_id_type"),
        party_id_number=_optional_str(raw, "party_id_number"),
        party_birth_date=_date(raw, "party_birth_date", required=False),
        party_credit_code=_optional_str(raw, "party_credit_code"),
        procedure=procedure,
        confidential=confidential,
        status_reason=_optional_str(raw, "status_reason"),
        updated_at=_optional_str(raw, "updated_at"),
        extra={k: v for k, v in raw.items() if k not in KNOWN_FIELDS},
    )
