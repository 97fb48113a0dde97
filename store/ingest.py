"""Data functions for ingest: export files, record versions, quarantine.

All idempotent, and safe when two ingest runs overlap: unique constraints decide what is new,
and a record's decision row is locked while its versions change.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ._sql import insert_ignore, upsert
from .audit import audit, set_state
from .models import (
    WITHDRAWAL_STATUSES,
    AuditEntry,
    Decision,
    DecisionState,
    ExportFile,
    FileStatus,
    QuarantineEntry,
    RecordVersion,
    utcnow,
)


class VersionOutcome(enum.StrEnum):
    NEW = "new"  # first version of this source_id
    UNCHANGED = "unchanged"  # this exact content is already stored: nothing done
    SUPERSEDING = "superseding"  # new content for a known source_id: replaces the current one


@dataclass(frozen=True)
class IngestCounts:
    """What one file's ingest counted; ``lines_read`` must equal the sum of the others."""

    lines_read: int = 0
    new: int = 0
    unchanged: int = 0
    superseding: int = 0
    quarantined: int = 0

    @property
    def reconciles(self) -> bool:
        return self.lines_read == self.new + self.unchanged + self.superseding + self.quarantined


class CountsDoNotReconcile(ValueError):
    """A file marked done whose counts do not add up to the lines read."""


def file_already_ingested(session: Session, path: str, sha256: str | None = None) -> bool:
    """True when ``path`` was ingested to the end (and, if given, with the same content hash).

    A file left ``ingesting`` by a crashed run is not ingested: a re-run reads it again, which
    is harmless because every step is idempotent.
    """
    row = session.scalars(select(ExportFile).where(ExportFile.path == path)).one_or_none()
    if row is None or row.status != FileStatus.DONE:
        return False
    return sha256 is None or row.sha256 == sha256


def record_ingested_file(
    session: Session,
    path: str,
    *,
    size: int,
    sha256: str,
    counts: IngestCounts | None = None,
    status: FileStatus = FileStatus.DONE,
) -> ExportFile:
    """Create or update the file's row (one per path) with its counts and status."""
    counts = counts or IngestCounts()
    if status == FileStatus.DONE and not counts.reconciles:
        raise CountsDoNotReconcile(f"{path}: {counts} do not add up to the lines read")
    file_id = upsert(
        session,
        ExportFile,
        {
            "path": path,
            "size": size,
            "sha256": sha256,
            "status": FileStatus(status).value,
            "lines_read": counts.lines_read,
            "lines_new": counts.new,
            "lines_unchanged": counts.unchanged,
            "lines_superseding": counts.superseding,
            "lines_quarantined": counts.quarantined,
            "ingested_at": utcnow(),
        },
        ["path"],
    )
    row = session.get(ExportFile, file_id, populate_existing=True)
    assert row is not None
    return row


def quarantine(
    session: Session,
    *,
    file_path: str,
    line_no: int,
    raw: str,
    reason: str,
    field: str | None = None,
) -> bool:
    """Put a bad export line aside with its reason. Returns ``False`` when that file and line
    are already in quarantine (a re-run adds nothing)."""
    entry_id = insert_ignore(
        session,
        QuarantineEntry,
        {
            "file_path": file_path,
            "line_no": line_no,
            "raw": raw,
            "reason": reason,
            "field": field,
            "created_at": utcnow(),
        },
        ["file_path", "line_no"],
    )
    return entry_id is not None


def _lock_decision(session: Session, source_id: str, actor: str) -> Decision:
    """The decision row for ``source_id``, created if need be, locked until the transaction ends
    (PostgreSQL; on SQLite the write lock already serialises writers)."""
    created = insert_ignore(
        session,
        Decision,
        {
            "source_id": source_id,
            "state": DecisionState.INGESTED.value,
            "created_at": utcnow(),
            "updated_at": utcnow(),
            "row_version": 1,
        },
        ["source_id"],
    )
    decision = session.scalars(
        select(Decision)
        .where(Decision.source_id == source_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if created is not None:
        audit(
            session,
            actor=actor,
            action="decision_created",
            subject=decision,
            to_state=DecisionState.INGESTED,
        )
    return decision


def add_record_version(
    session: Session,
    *,
    source_id: str,
    content_hash: str,
    file_path: str,
    line_no: int,
    raw: str,
    status: str,
    actor: str,
    decision_date: dt.date | None = None,
    agency: str | None = None,
    status_reason: str | None = None,
) -> VersionOutcome:
    """Store one valid export record.

    - the same ``(source_id, content_hash)`` again → ``unchanged``, nothing written (this holds
      for any earlier version, not only the current one);
    - a first record for ``source_id`` → ``new``;
    - new content for a known ``source_id`` → ``superseding``: the previous current version is
      superseded, and the decision leaves any review batch and goes back to ``ingested`` so
      that the new version is redacted.

    A status of changed/revoked/confirmed_illegal/confirmed_void is recorded on the decision
    (``withdrawal_status``) with an audit entry, for the withdrawal of anything published.
    """
    decision = _lock_decision(session, source_id, actor)
    if session.scalar(
        select(RecordVersion.id).where(
            RecordVersion.source_id == source_id, RecordVersion.content_hash == content_hash
        )
    ):
        return VersionOutcome.UNCHANGED

    previous = session.scalars(
        select(RecordVersion)
        .where(RecordVersion.source_id == source_id, RecordVersion.is_current)
        .execution_options(populate_existing=True)
    ).one_or_none()
    last = session.scalar(
        select(func.max(RecordVersion.version)).where(RecordVersion.source_id == source_id)
    )
    if previous is not None:
        previous.is_current = False
        session.flush()  # the one-current-version index must never see two
    version = RecordVersion(
        source_id=source_id,
        version=(last or 0) + 1,
        content_hash=content_hash,
        file_path=file_path,
        line_no=line_no,
        raw=raw,
        decision_date=decision_date,
        agency=agency,
        status=status,
        is_current=True,
    )
    session.add(version)
    session.flush()
    decision.current_version_id = version.id
    where = f"{file_path}:{line_no}"
    audit(
        session,
        actor=actor,
        action="version_added",
        subject=decision,
        reason=where,
        details={
            "version": version.version,
            "record_version_id": version.id,
            "content_hash": content_hash,
            "status": status,
            "supersedes": None if previous is None else previous.version,
        },
    )

    outcome = VersionOutcome.NEW
    if previous is not None:
        outcome = VersionOutcome.SUPERSEDING
        previous.superseded_by_id = version.id
        left_batch = decision.batch_id
        decision.batch_id = None
        decision.due_date = None
        set_state(
            session,
            decision,
            DecisionState.INGESTED,
            actor=actor,
            reason=f"superseded by version {version.version} ({where})",
            details={"record_version_id": version.id, "left_batch": left_batch},
        )

    if status in WITHDRAWAL_STATUSES and decision.withdrawal_status != status:
        decision.withdrawal_status = status
        decision.withdrawal_recorded_at = utcnow()
        audit(
            session,
            actor=actor,
            action="withdrawal_recorded",
            subject=decision,
            reason=f"status {status}" + (f": {status_reason}" if status_reason else ""),
            details={"record_version_id": version.id, "status": status},
        )
    session.flush()
    return outcome


@dataclass(frozen=True)
class NewVersion:
    """One valid export record: the arguments of :func:`add_record_version` but the actor."""

    source_id: str
    content_hash: str
    file_path: str
    line_no: int
    raw: str
    status: str
    decision_date: dt.date | None = None
    agency: str | None = None
    status_reason: str | None = None


# Values per IN (...) list: far below SQLite's and PostgreSQL's limits on bound parameters.
_GROUP = 500


def table_insert(session: Session, table: Table) -> Any:
    """The dialect's INSERT (with ``on_conflict_do_nothing``) for a table: Core statements,
    without the ORM's per-row work, for multi-row writes."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"the store supports SQLite and PostgreSQL, not {dialect}")


def audit_row(
    *,
    actor: str,
    action: str,
    subject: tuple[str, str],
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The row :func:`gongkai.store.audit` would append, as values for
    :func:`insert_audit_rows` (many entries in one statement)."""
    if not actor.strip():
        raise ValueError("an audit entry needs an actor")
    return {
        "at": utcnow(),
        "actor": actor,
        "action": action,
        "subject_type": subject[0],
        "subject_id": str(subject[1]),
        "from_state": None if from_state is None else str(from_state),
        "to_state": None if to_state is None else str(to_state),
        "reason": reason,
        "details": details,
    }


def insert_audit_rows(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Append audit entries made by :func:`audit_row` (one multi-row insert)."""
    if rows:
        session.execute(AuditEntry.__table__.insert(), list(rows))


def add_record_versions(
    session: Session, versions: Sequence[NewVersion], *, actor: str
) -> list[VersionOutcome]:
    """:func:`add_record_version` for each record, in order: the same outcomes, rows and audit
    entries, in far fewer statements.

    Records whose ``source_id`` has no decision yet and occurs once in ``versions`` (nearly
    every record of a first export) are written together: their decisions, versions, current
    version links and audit entries in a few multi-row statements. Every other record (known
    decisions, a ``source_id`` twice in the group, a decision another run created meanwhile)
    goes through :func:`add_record_version`, one by one.
    """
    occurrences = Counter(v.source_id for v in versions)
    once = [sid for sid, n in occurrences.items() if n == 1]
    known: set[str] = set()
    for start in range(0, len(once), _GROUP):
        part = once[start : start + _GROUP]
        known.update(
            session.scalars(select(Decision.source_id).where(Decision.source_id.in_(part)))
        )
    firsts = [v for v in versions if occurrences[v.source_id] == 1 and v.source_id not in known]
    created = _add_first_versions(session, firsts, actor) if firsts else set()
    return [
        VersionOutcome.NEW
        if v.source_id in created
        else add_record_version(session, **asdict(v), actor=actor)
        for v in versions
    ]


def _add_first_versions(session: Session, versions: list[NewVersion], actor: str) -> set[str]:
    """Decisions and first versions for records never seen before; returns the source ids
    done. A decision created meanwhile by a concurrent run (PostgreSQL) is left out: its
    record goes the one-by-one way, which locks that decision."""
    now = utcnow()
    # Multi-row statements (SQLAlchemy's "insertmanyvalues"); our new decision rows stay
    # locked until the transaction ends, as _lock_decision's are.
    decisions = Decision.__table__
    decision_ids: dict[str, int] = dict(
        session.execute(
            table_insert(session, decisions)
            .on_conflict_do_nothing(index_elements=["source_id"])
            .returning(decisions.c.source_id, decisions.c.id),
            [
                {
                    "source_id": v.source_id,
                    "state": DecisionState.INGESTED.value,
                    "created_at": now,
                    "updated_at": now,
                    "row_version": 1,
                }
                for v in versions
            ],
        ).all()
    )
    versions = [v for v in versions if v.source_id in decision_ids]
    if not versions:
        return set()
    table = RecordVersion.__table__
    version_ids: dict[str, int] = dict(
        session.execute(
            table_insert(session, table).returning(table.c.source_id, table.c.id),
            [
                {
                    "source_id": v.source_id,
                    "version": 1,
                    "content_hash": v.content_hash,
                    "file_path": v.file_path,
                    "line_no": v.line_no,
                    "raw": v.raw,
                    "decision_date": v.decision_date,
                    "agency": v.agency,
                    "status": v.status,
                    "is_current": True,
                    "superseded_by_id": None,
                    "created_at": now,
                }
                for v in versions
            ],
        ).all()
    )
    session.execute(
        update(decisions)
        .where(decisions.c.id == bindparam("decision_id"))
        .values(
            current_version_id=bindparam("version_id"),
            withdrawal_status=bindparam("withdrawal"),
            withdrawal_recorded_at=bindparam("withdrawal_at"),
            updated_at=bindparam("now"),
            row_version=decisions.c.row_version + 1,
        ),
        [
            {
                "decision_id": decision_ids[v.source_id],
                "version_id": version_ids[v.source_id],
                "withdrawal": v.status if v.status in WITHDRAWAL_STATUSES else None,
                "withdrawal_at": now if v.status in WITHDRAWAL_STATUSES else None,
                "now": now,
            }
            for v in versions
        ],
    )
    # The audit entries add_record_version writes, in the same order.
    entries: list[dict[str, Any]] = []
    for v in versions:
        subject = ("decision", v.source_id)
        entries.append(
            audit_row(actor=actor, action="decision_created", subject=subject, to_state="ingested")
        )
        entries.append(
            audit_row(
                actor=actor,
                action="version_added",
                subject=subject,
                reason=f"{v.file_path}:{v.line_no}",
                details={
                    "version": 1,
                    "record_version_id": version_ids[v.source_id],
                    "content_hash": v.content_hash,
                    "status": v.status,
                    "supersedes": None,
                },
            )
        )
        if v.status in WITHDRAWAL_STATUSES:
            entries.append(
                audit_row(
                    actor=actor,
                    action="withdrawal_recorded",
                    subject=subject,
                    reason=f"status {v.status}"
                    + (f": {v.status_reason}" if v.status_reason else ""),
                    details={"record_version_id": version_ids[v.source_id], "status": v.status},
                )
            )
    insert_audit_rows(session, entries)
    return set(decision_ids)
