"""The downloadable full snapshot of a channel: every published decision as CSV (UTF-8 with BOM,
for spreadsheets) and as JSON Lines (for programs), plus ``manifest.json`` (when, how many,
sizes and SHA-256 of the files, and the change-feed position the snapshot is consistent with,
so that a reuser can load the snapshot and then follow ``/api/changes?since=<position>``).

``build_snapshot(engine, out_dir)`` is what the daily flow calls; the public site serves the
newest files. Files are written under temporary names and renamed into place, so a reader never
sees a half-written snapshot. The CSV helpers here are also used for the site's search export.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from .models import ChangeEntry, PublishedDecision, PublishedStatus
from .read import decision_record, utc_iso

CSV_NAME = "decisions.csv"
JSONL_NAME = "decisions.jsonl"
MANIFEST_NAME = "manifest.json"
FILES = (CSV_NAME, JSONL_NAME, MANIFEST_NAME)

# Spreadsheet columns: (header, field of ``decision_record``).
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("编号", "public_id"),
    ("文书编号", "decision_no"),
    ("处罚机关", "agency"),
    ("决定日期", "decision_date"),
    ("违法行为", "violation_type"),
    ("法律", "law"),
    ("法律依据", "legal_basis"),
    ("处罚种类", "penalty_types"),
    ("罚款金额（元）", "fine_amount_yuan"),
    ("版本", "revision"),
    ("首次公开时间", "first_published_at"),
    ("更新时间", "updated_at"),
    ("网址", "url"),
    ("决定书正文（已脱敏）", "redacted_text"),
)

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such
# cells get a leading apostrophe. The JSON Lines file carries every value unchanged.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "、".join(str(v) for v in value)
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_line(cells: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(c) for c in cells])
    return buffer.getvalue()


def csv_header() -> str:
    """The header line, preceded by the byte-order mark that tells spreadsheets it is UTF-8."""
    return BOM + csv_line(header for header, _ in CSV_COLUMNS)


def csv_record(record: dict[str, Any]) -> str:
    return csv_line(record.get(key) for _, key in CSV_COLUMNS)


@dataclass(frozen=True)
class Manifest:
    generated_at: str
    decisions: int
    change_cursor: int  # the snapshot holds every change up to this change-feed id
    files: dict[str, dict[str, Any]]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"


def read_manifest(out_dir: Path) -> Manifest | None:
    """The manifest of the snapshot in ``out_dir``, or ``None`` if there is none yet."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None


def _rows(session: Session, batch: int) -> Iterator[PublishedDecision]:
    last = 0
    while True:
        rows = list(
            session.scalars(
                select(PublishedDecision)
                .where(
                    PublishedDecision.status == PublishedStatus.PUBLISHED.value,
                    PublishedDecision.id > last,
                )
                .order_by(PublishedDecision.id)
                .limit(batch)
            )
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


def build_snapshot(
    engine: Engine,
    out_dir: str | Path,
    *,
    base_url: str | None = None,
    now: dt.datetime | None = None,
    batch: int = 1000,
) -> Manifest:
    """Write the snapshot of the channel behind ``engine`` into ``out_dir`` and return its
    manifest. ``base_url`` (e.g. ``https://gongkai.example.gov.cn``) fills the ``url`` column.
    Reads in one transaction (repeatable read on PostgreSQL), so files and change position
    agree."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now(dt.UTC)
    base = base_url.rstrip("/") if base_url else None
    temporary = {name: out / f".{name}.tmp-{os.getpid()}" for name in FILES}
    count = 0
    bind: Any = engine
    if engine.dialect.name == "postgresql":
        bind = engine.execution_options(isolation_level="REPEATABLE READ")
    try:
        with (
            Session(bind) as session,
            temporary[CSV_NAME].open("w", encoding="utf-8", newline="") as csv_file,
            temporary[JSONL_NAME].open("w", encoding="utf-8") as jsonl_file,
        ):
            cursor = session.scalar(select(func.coalesce(func.max(ChangeEntry.id), 0))) or 0
            csv_file.write(csv_header())
            for row in _rows(session, batch):
                record = decision_record(row)
                record.pop("notice")
                record["url"] = f"{base}/decisions/{row.public_id}" if base else None
                csv_file.write(csv_record(record))
                jsonl_file.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        files = {name: _describe(temporary[name]) for name in (CSV_NAME, JSONL_NAME)}
        manifest = Manifest(
            generated_at=utc_iso(now) or "",
            decisions=count,
            change_cursor=int(cursor),
            files=files,
        )
        temporary[MANIFEST_NAME].write_text(manifest.to_json(), encoding="utf-8")
        # Data files first, the manifest last: a manifest never describes files not yet there.
        for name in FILES:
            os.replace(temporary[name], out / name)
        return manifest
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)


def _describe(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}
