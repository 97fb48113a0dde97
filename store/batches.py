"""Data functions for review batches."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from .audit import audit, set_state
from .models import BatchState, Decision, DecisionState, RecordVersion, ReviewBatch, utcnow


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
