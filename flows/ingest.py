"""Ingest flow: new export files from the drop folder into the store.

Every line is read, validated and counted once: a valid record becomes a new version, is
found unchanged, or supersedes the current version; a bad line goes to quarantine with file,
line, field and reason. Per file and per run, lines read = new + unchanged + superseding +
quarantined, or the run fails.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from sqlalchemy.orm import Session

from gongkai.exportfile import ExportLine, read_export
from gongkai.flows import _common
from gongkai.flows.settings import load_settings
from gongkai.redaction.record import DecisionRecord
from gongkai.store import (
    FileStatus,
    IngestCounts,
    VersionOutcome,
    file_already_ingested,
    quarantine,
    record_ingested_file,
)
from gongkai.store.ingest import NewVersion, add_record_versions

GOLD_FILE_NAME = "gold.jsonl"  # the synthetic data's answer key: never an export
DB_RETRIES = {
    "retries": 3,
    "retry_delay_seconds": [1, 5, 15],
    "retry_condition_fn": _common.retry_on_transient_db_error,
}


class CountsDoNotReconcile(RuntimeError):
    """Lines read differ from new + unchanged + superseding + quarantined."""


@dataclass
class IngestSummary:
    """What one ingest run did. ``files`` counts the files read; ``skipped_files`` those
    already ingested, or left to another run that is ingesting them."""

    files: int = 0
    skipped_files: int = 0
    lines_read: int = 0
    new: int = 0
    unchanged: int = 0
    superseding: int = 0
    quarantined: int = 0

    def add(self, counts: IngestCounts) -> None:
        self.files += 1
        self.lines_read += counts.lines_read
        self.new += counts.new
        self.unchanged += counts.unchanged
        self.superseding += counts.superseding
        self.quarantined += counts.quarantined

    @property
    def reconciles(self) -> bool:
        return self.lines_read == self.new + self.unchanged + self.superseding + self.quarantined

    def check(self) -> None:
        if not self.reconciles:
            raise CountsDoNotReconcile(
                f"lines read {self.lines_read} != new {self.new} + unchanged {self.unchanged}"
                f" + superseding {self.superseding} + quarantined {self.quarantined}"
            )

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def export_files(export_dir: Path) -> list[Path]:
    """The drop folder's export files (``*.jsonl`` except ``gold.jsonl``), in name order:
    a later file's version of a record supersedes an earlier file's."""
    return sorted(p for p in export_dir.glob("*.jsonl") if p.is_file() and p.name != GOLD_FILE_NAME)


def file_key(path: Path) -> str:
    """How the store names a file: its absolute path."""
    return str(path.absolute())


def sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def list_new_files(export_dir: Path) -> tuple[list[Path], int]:
    """Export files not yet ingested with their current content; and how many were skipped."""
    if not export_dir.is_dir():
        raise FileNotFoundError(f"export folder {export_dir} does not exist")
    found = {path: sha256_of(path)[0] for path in export_files(export_dir)}
    with _common.sessions().begin() as session:
        new = [
            path
            for path, sha256 in found.items()
            if not file_already_ingested(session, file_key(path), sha256)
        ]
    return new, len(found) - len(new)


def ingest_line(session: Session, line: ExportLine, *, key: str, actor: str, resuming: bool) -> str:
    """Store one export line; return its outcome (see :func:`ingest_lines`)."""
    return ingest_lines(session, [line], key=key, actor=actor, resuming=resuming)[0]


def ingest_lines(
    session: Session, lines: Sequence[ExportLine], *, key: str, actor: str, resuming: bool
) -> list[str]:
    """Store a group of export lines of one file; return their outcomes in order (a
    :class:`VersionOutcome` or ``"quarantined"``).

    Bad lines go to quarantine one by one; the valid records are stored together
    (:func:`gongkai.store.ingest.add_record_versions`: a first export costs a few statements per
    group, not several per line).

    ``resuming``: the file was partly ingested by an interrupted attempt. A version that
    attempt stored from this very line is then counted as it was then (new or superseding),
    not as unchanged, so that the file's counts come out as for an uninterrupted run.
    """
    outcomes: list[str] = [""] * len(lines)
    valid: list[tuple[int, ExportLine, DecisionRecord]] = []
    for n, line in enumerate(lines):
        if line.record is None:
            quarantine(
                session,
                file_path=key,
                line_no=line.line_no,
                raw=line.raw,
                reason=line.describe_error(),
                field=line.field,
            )
            outcomes[n] = "quarantined"
        else:
            valid.append((n, line, line.record))
    stored = add_record_versions(
        session,
        [
            NewVersion(
                source_id=record.source_id,
                content_hash=line.content_hash,
                file_path=key,
                line_no=line.line_no,
                raw=line.raw,
                status=record.status,
                decision_date=record.decision_date,
                agency=record.agency,
                status_reason=record.status_reason,
            )
            for _, line, record in valid
        ],
        actor=actor,
    )
    for (n, line, record), outcome in zip(valid, stored, strict=True):
        if outcome == VersionOutcome.UNCHANGED and resuming:
            origin = _common.version_origin(session, record.source_id, line.content_hash)
            if origin is not None and (origin.file_path, origin.line_no) == (key, line.line_no):
                outcome = VersionOutcome.NEW if origin.version == 1 else VersionOutcome.SUPERSEDING
        outcomes[n] = outcome.value
    return outcomes


@dataclass(frozen=True)
class FileOutcome:
    """One file's ingest: its counts, or ``None`` when it was not read (done meanwhile, or
    ``busy``: another run is ingesting it now)."""

    path: Path
    counts: IngestCounts | None = None
    busy: bool = False


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def ingest_file(path: Path, actor: str, lines_per_transaction: int = 200) -> FileOutcome:
    """Read, validate and store one export file; record it with its counts.

    The file is claimed first (concurrent runs never read it at the same time), marked
    ``ingesting``, its lines committed in groups, and marked ``done`` with its counts at the
    end: an interrupted run leaves it to be read again, harmlessly.
    """
    logger = _common.run_logger()
    key = file_key(path)
    with _common.claim_file(path, key) as claimed:
        if not claimed:
            logger.info("%s: being ingested by another run", path.name)
            return FileOutcome(path, busy=True)
        sha256, size = sha256_of(path)
        sessions = _common.sessions()
        with sessions.begin() as session:
            if file_already_ingested(session, key, sha256):  # by a run that just finished
                return FileOutcome(path)
            previous = _common.export_file(session, key)
            resuming = previous is not None and previous.sha256 == sha256
            record_ingested_file(
                session, key, size=size, sha256=sha256, status=FileStatus.INGESTING
            )
        tally = dict.fromkeys(("new", "unchanged", "superseding", "quarantined"), 0)
        lines = read_export(path)
        while group := list(itertools.islice(lines, lines_per_transaction)):
            with sessions.begin() as session:
                outcomes = ingest_lines(session, group, key=key, actor=actor, resuming=resuming)
            for line, outcome in zip(group, outcomes, strict=True):
                tally[outcome] += 1
                if outcome == "quarantined":
                    logger.info("quarantined %s", line.describe_error())
        counts = IngestCounts(lines_read=sum(tally.values()), **tally)
        with sessions.begin() as session:
            record_ingested_file(session, key, size=size, sha256=sha256, counts=counts)
    logger.info("%s: %s", path.name, counts)
    return FileOutcome(path, counts)


@flow(name="ingest")
def ingest(export_dir: Path | None = None) -> IngestSummary:
    """Ingest the new files of the export drop folder (default: ``GONGKAI_EXPORT_DIR``)."""
    settings = load_settings()
    folder = Path(export_dir) if export_dir is not None else settings.export_dir
    actor = _common.run_actor("ingest")
    files, skipped = list_new_files(folder)
    summary = IngestSummary(skipped_files=skipped)
    # In name order: a later file's version of a record supersedes an earlier file's. A file
    # that another run is ingesting now stops this run: the rest is left to that run.
    for n, path in enumerate(files):
        outcome = ingest_file(path, actor, settings.chunk_size)
        if outcome.counts is not None:
            summary.add(outcome.counts)
        else:
            summary.skipped_files += 1
        if outcome.busy:
            summary.skipped_files += len(files) - n - 1
            break
    summary.check()
    get_run_logger().info("ingest: %s", summary)
    return summary
