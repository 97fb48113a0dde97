"""Data functions for the redact step: find and claim pending versions, store results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, literal_column, select, update
from sqlalchemy.orm import Session

from .ingest import audit_row, insert_audit_rows, table_insert
from .models import Decision, DecisionState, RecordVersion, RedactionRecord, utcnow

# Values per IN (...) list: far below SQLite's and PostgreSQL's limits on bound parameters.
_GROUP = 500


def _unindexed(column: ColumnElement[str]) -> ColumnElement[str]:
    """``column`` in an expression that no index serves (``state || ''``).

    Without statistics, SQLite's planner takes an index on an equality such as ``state =
    'ingested'`` for a selective one and starts there: for one chunk's range of versions it
    would then read every ingested decision (all 100,000 of a first export). Hidden from the
    planner, the query starts from the versions' primary key and finds each decision by its
    unique ``source_id``. PostgreSQL, with statistics, does the same either way."""
    return column.op("||")(literal_column("''"))


def _is_pending() -> ColumnElement[bool]:
    """A version awaits redaction: it is its decision's current version, the decision is
    ``ingested`` and the version has no result yet (join ``Decision`` on the current
    version)."""
    return (Decision.state == DecisionState.INGESTED.value) & ~exists().where(
        RedactionRecord.record_version_id == RecordVersion.id
    )


def pending_version_ids(session: Session) -> list[int]:
    """The ids of every version awaiting redaction, in order; nothing is claimed (a plan:
    :func:`pending_versions` with ``first_id``/``last_id`` takes a range of it)."""
    return list(
        session.scalars(
            select(RecordVersion.id)
            .join(Decision, Decision.current_version_id == RecordVersion.id)
            .where(_is_pending())
            .order_by(RecordVersion.id)
        )
    )


def _pending_statement(
    statement: Select[Any], limit: int | None, first_id: int | None, last_id: int | None
) -> Select[Any]:
    statement = (
        statement.join(
            Decision,
            (Decision.source_id == RecordVersion.source_id)
            & (Decision.current_version_id == RecordVersion.id),
        )
        .where(
            _unindexed(Decision.state) == DecisionState.INGESTED.value,
            ~exists().where(RedactionRecord.record_version_id == RecordVersion.id),
        )
        .order_by(RecordVersion.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Decision)
    )
    if first_id is not None:
        statement = statement.where(RecordVersion.id >= first_id)
    if last_id is not None:
        statement = statement.where(RecordVersion.id <= last_id)
    return statement


def pending_versions(
    session: Session,
    limit: int | None,
    *,
    first_id: int | None = None,
    last_id: int | None = None,
) -> list[RecordVersion]:
    """Claim up to ``limit`` (``None``: all) current versions that still await redaction,
    oldest first, with ids from ``first_id`` to ``last_id`` when given.

    On PostgreSQL the decisions' rows are locked (``FOR UPDATE … SKIP LOCKED``) until the
    caller's transaction ends, so concurrent sessions each get different versions; redact and
    :func:`store_redactions` them in the same transaction. On SQLite the clause is not rendered
    and nothing is claimed: ``BEGIN IMMEDIATE`` lets one writer in at a time, so a caller that
    redacts outside the transaction relies on :func:`store_redactions` ignoring a second
    result for a version.
    """
    statement = _pending_statement(select(RecordVersion), limit, first_id, last_id)
    return list(session.scalars(statement.execution_options(populate_existing=True)))


def pending_raws(
    session: Session,
    limit: int | None,
    *,
    first_id: int | None = None,
    last_id: int | None = None,
) -> list[tuple[int, str]]:
    """:func:`pending_versions` (the same claims), as ``(version id, raw export line)`` only:
    what the redactor needs, without loading whole rows."""
    statement = _pending_statement(
        select(RecordVersion.id, RecordVersion.raw), limit, first_id, last_id
    )
    return [(version_id, raw) for version_id, raw in session.execute(statement)]


def store_redaction(
    session: Session,
    version_id: int,
    result: Mapping[str, Any],
    *,
    engine_version: str,
    actor: str,
) -> bool:
    """Store the redactor's result (``RedactionResult.to_dict()``) for one version and move its
    decision to ``redacted`` or ``withheld`` (the withholding reason goes into the audit entry).

    Returns ``False`` when that version already has a result (nothing is overwritten). A result
    for a version superseded in the meantime is kept but moves no state.
    """
    stored = store_redactions(
        session, [(version_id, result)], engine_version=engine_version, actor=actor
    )
    return version_id in stored


def store_redactions(
    session: Session,
    results: Iterable[tuple[int, Mapping[str, Any]]],
    *,
    engine_version: str,
    actor: str,
) -> set[int]:
    """:func:`store_redaction` for many ``(version id, result)`` pairs in a few statements;
    returns the version ids whose result was stored (a version that has one already is left
    alone: concurrent runs never store a result twice).

    Each stored version's decision, if that version is still its current one and the decision
    is ``ingested``, moves to ``redacted`` or ``withheld`` with an audit entry, as
    :func:`gongkai.store.set_state` writes it.
    """
    by_version = dict(results)
    if not by_version:
        return set()
    now = utcnow()
    table = RedactionRecord.__table__
    rows = [
        {
            "record_version_id": version_id,
            "publishable": bool(result["publishable"]),
            "withhold_reason": result.get("withhold_reason"),
            "withhold_details": list(result.get("withhold_details") or []),
            "redacted_text": result["redacted_text"],
            "spans": list(result.get("spans") or []),
            "doubts": list(result.get("doubts") or []),
            "engine_version": engine_version,
            "created_at": now,
        }
        for version_id, result in by_version.items()
    ]
    redaction_ids: dict[int, int] = dict(
        session.execute(
            table_insert(session, table)
            .on_conflict_do_nothing(index_elements=["record_version_id"])
            .returning(table.c.record_version_id, table.c.id),
            rows,
        ).all()
    )
    if not redaction_ids:
        return set()
    # The decisions move with one UPDATE per target state and group, each row only if it is
    # still ingested with this version current: the UPDATE locks the row (PostgreSQL), and a
    # version superseded meanwhile moves nothing. Decisions are found by source_id (unique
    # index; a decision's current version is one of its own).
    source_ids = dict(
        session.execute(
            select(RecordVersion.id, RecordVersion.source_id).where(
                RecordVersion.id.in_(list(redaction_ids))
            )
        ).all()
    )
    decisions = Decision.__table__
    moved: list[tuple[int, str, int, str]] = []
    for target, publishable in ((DecisionState.REDACTED, True), (DecisionState.WITHHELD, False)):
        ids = [v for v in redaction_ids if bool(by_version[v]["publishable"]) is publishable]
        for start in range(0, len(ids), _GROUP):
            part = ids[start : start + _GROUP]
            moved.extend(
                (decision_id, source_id, version_id, target.value)
                for decision_id, source_id, version_id in session.execute(
                    update(decisions)
                    .where(
                        decisions.c.source_id.in_([source_ids[v] for v in part]),
                        decisions.c.current_version_id.in_(part),
                        _unindexed(decisions.c.state) == DecisionState.INGESTED.value,
                    )
                    .values(
                        state=target.value,
                        updated_at=now,
                        row_version=decisions.c.row_version + 1,
                    )
                    .returning(
                        decisions.c.id, decisions.c.source_id, decisions.c.current_version_id
                    )
                )
            )
    entries = []
    for _decision_id, source_id, version_id, target in sorted(moved, key=lambda m: m[2]):
        result = by_version[version_id]
        reason = result.get("withhold_reason")
        entries.append(
            audit_row(
                actor=actor,
                action="state_changed",
                subject=("decision", source_id),
                from_state=DecisionState.INGESTED.value,
                to_state=target,
                reason=_withholding_text(list(result.get("withhold_details") or []), reason),
                details={
                    "record_version_id": version_id,
                    "redaction_id": redaction_ids[version_id],
                    "withhold_reason": reason,
                },
            )
        )
    insert_audit_rows(session, entries)
    expire_decisions(session, {decision_id for decision_id, *_ in moved})
    return set(redaction_ids)


def expire_decisions(session: Session, ids: set[int]) -> None:
    """Decisions this session has loaded and that were just changed by a Core UPDATE are read
    again on next access (and their ``row_version`` with them)."""
    if not ids:
        return
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Decision) and obj.id in ids:
            session.expire(obj)


def _withholding_text(details: list[dict[str, Any]], reason: str | None) -> str | None:
    """The rules that withheld the decision, with their legal basis, for the audit log."""
    text = "; ".join(f"{d.get('reason')}: {d.get('detail')}" for d in details)
    return text or reason
