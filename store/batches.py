"""Data functions for review batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from .audit import audit, set_state
from .ingest import audit_row, insert_audit_rows
from .models import BatchState, Decision, DecisionState, RecordVersion, ReviewBatch, utcnow
from .redactions import expire_decisions


def unbatched_decisions(session: Session, limit: int, agency: str | None = None) -> list[Decision]:
    """Claim up to ``limit`` redacted, publishable decisions not yet in a batch, oldest first
    (``FOR UPDATE … SKIP LOCKED`` on PostgreSQL, as :func:`pending_versions`)."""
    statement = (
        select(Decision)
        .join(RecordVersion, RecordVersion.id == Decision.current_version_id)
        .where(Decision.state == DecisionState.REDACTED.value, Decision.batch_id.is_(None))
        .order_by(RecordVersion.agency, RecordVersion.decision_date, Decision.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Decision)
        .execution_options(populate_existing=True)
    )
    if agency is not None:
        statement = statement.where(RecordVersion.agency == agency)
    return list(session.scalars(statement))


def create_review_batch(
    session: Session, *, agency: str, due_date: dt.date | None, actor: str
) -> ReviewBatch:
    batch = ReviewBatch(
        agency=agency, due_date=due_date, state=BatchState.OPEN, created_at=utcnow()
    )
    session.add(batch)
    session.flush()
    audit(
        session,
        actor=actor,
        action="batch_created",
        subject=batch,
        to_state=BatchState.OPEN,
        details={"agency": agency, "due_date": None if due_date is None else due_date.isoformat()},
    )
    return batch


def add_to_batch(
    session: Session,
    decision: Decision,
    batch: ReviewBatch,
    *,
    actor: str,
    due_date: dt.date | None = None,
) -> None:
    """Put a redacted decision into ``batch`` (state ``in_review``) with its due date."""
    decision.batch_id = batch.id
    decision.due_date = due_date
    set_state(
        session,
        decision,
        DecisionState.IN_REVIEW,
        actor=actor,
        reason=f"review batch {batch.id}",
        details={
            "batch_id": batch.id,
            "due_date": None if due_date is None else due_date.isoformat(),
        },
    )


# Values per IN (...) list: far below SQLite's and PostgreSQL's limits on bound parameters.
_GROUP = 500


def unbatched_by_agency(
    session: Session, agencies: Sequence[str]
) -> dict[str, list[tuple[int, dt.date | None]]]:
    """The redacted decisions not yet in a batch of these agencies, as ``(decision id,
    decision date)`` oldest first, per agency. Nothing is claimed: a plan for
    :func:`claim_unbatched` (one query for many agencies, instead of one per batch)."""
    found: dict[str, list[tuple[int, dt.date | None]]] = {agency: [] for agency in agencies}
    for start in range(0, len(agencies), _GROUP):
        rows = session.execute(
            select(RecordVersion.agency, Decision.id, RecordVersion.decision_date)
            .join(RecordVersion, RecordVersion.id == Decision.current_version_id)
            .where(
                Decision.state == DecisionState.REDACTED.value,
                Decision.batch_id.is_(None),
                RecordVersion.agency.in_(agencies[start : start + _GROUP]),
            )
            .order_by(RecordVersion.agency, RecordVersion.decision_date, Decision.id)
        )
        for agency, decision_id, decided in rows:
            found[agency].append((decision_id, decided))
    return found


def claim_unbatched(session: Session, decision_ids: Sequence[int]) -> set[int]:
    """Those of these decisions that are still redacted and in no batch, claimed until the
    transaction ends (``FOR UPDATE … SKIP LOCKED`` on PostgreSQL, as
    :func:`unbatched_decisions`; on SQLite the transaction holds the write lock)."""
    claimed: set[int] = set()
    for start in range(0, len(decision_ids), _GROUP):
        claimed.update(
            session.scalars(
                select(Decision.id)
                .where(
                    Decision.id.in_(decision_ids[start : start + _GROUP]),
                    Decision.state == DecisionState.REDACTED.value,
                    Decision.batch_id.is_(None),
                )
                .with_for_update(skip_locked=True)
            )
        )
    return claimed


def add_batch(
    session: Session,
    *,
    agency: str,
    due_dates: Mapping[int, dt.date | None],
    actor: str,
) -> ReviewBatch:
    """A new review batch of the agency with these decisions (claimed by
    :func:`claim_unbatched`; decision id → its due date): the batch is due when its earliest
    decision is, and each decision moves to ``in_review`` with its due date, audited as
    :func:`add_to_batch` does, in a few statements."""
    known = [d for d in due_dates.values() if d is not None]
    batch = create_review_batch(
        session, agency=agency, due_date=min(known) if known else None, actor=actor
    )
    now = utcnow()
    decisions = Decision.__table__
    session.execute(
        update(decisions)
        .where(
            decisions.c.id == bindparam("decision_id"),
            decisions.c.state == DecisionState.REDACTED.value,
        )
        .values(
            batch_id=batch.id,
            due_date=bindparam("due"),
            state=DecisionState.IN_REVIEW.value,
            updated_at=now,
            row_version=decisions.c.row_version + 1,
        ),
        [{"decision_id": i, "due": due} for i, due in due_dates.items()],
    )
    source_ids = dict(
        session.execute(
            select(Decision.id, Decision.source_id).where(Decision.id.in_(list(due_dates)))
        ).all()
    )
    insert_audit_rows(
        session,
        [
            audit_row(
                actor=actor,
                action="state_changed",
                subject=("decision", source_ids[i]),
                from_state=DecisionState.REDACTED.value,
                to_state=DecisionState.IN_REVIEW.value,
                reason=f"review batch {batch.id}",
                details={
                    "batch_id": batch.id,
                    "due_date": None if due is None else due.isoformat(),
                },
            )
            for i, due in due_dates.items()
        ],
    )
    expire_decisions(session, set(due_dates))
    return batch
