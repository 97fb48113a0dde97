"""Reading export-v1 files (JSON Lines) line by line, without ever stopping on a bad line."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.redaction.record import DecisionRecord, RecordError, parse_record


@dataclass(frozen=True)
class ExportLine:
    """One non-blank line: either a valid record or the reason it is not one."""

    path: Path
    line_no: int
    raw: str
    record: DecisionRecord | None = None
    data: dict[str, Any] | None = None
    error: str | None = None
    field: str | None = None

    @property
    def content_hash(self) -> str:
        """Hash of the decoded record (key order and spacing do not matter)."""
        basis = json.dumps(self.data, sort_keys=True, ensure_ascii=False) if self.data else self.raw
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()

    def describe_error(self) -> str:
        return f"{self.path}:{self.line_no}: {self.error}"


def read_export(path: Path) -> Iterator[ExportLine]:
    """Yield every non-blank line of an export file, parsed and validated."""
    with path.open("r", encoding="utf-8", errors="replace", newline="\n") as handle:
        for line_no, line in enumerate(handle, start=1):
            raw = line.rstrip("\n").rstrip("\r")
            if not raw.strip():
                continue
            yield parse_line(path, line_no, raw)


def parse_line(path: Path, line_no: int, raw: str) -> ExportLine:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return ExportLine(
            path, line_no, raw, error=f"not valid JSON ({exc.msg} at column {exc.colno})"
        )
    try:
        record = parse_record(data)
    except RecordError as exc:
        return ExportLine(
            path,
            line_no,
            raw,
            data=data if isinstance(data, dict) else None,
            error=str(exc),
            field=exc.field,
        )
    return ExportLine(path, line_no, raw, record=record, data=data)
