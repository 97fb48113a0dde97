"""Data functions for the redact step: claim pending versions, store results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ._sql import insert_ignore
from .audit import set_state
from .models import Decision, DecisionState, RecordVersion, RedactionRecord, utcnow


def pending_versions(session: Session, limit: int) -> list[RecordVersion]:
    """Claim up to ``limit`` current versions that still await redaction, oldest first.

    On PostgreSQL the decisions' rows are locked (``FOR UPDATE … SKIP LOCKED``) until the
    caller's transaction ends, so concurrent sessions each get different versions; redact and
    :func:`store_redaction` them in the same transaction. On SQLite the clause is not rendered
    (``BEGIN IMMEDIATE`` already lets one writer in at a time).
    """
    statement = (
        select(RecordVersion)
        .join(Decision, Decision.current_version_id == RecordVersion.id)
        .where(
            Decision.state == DecisionState.INGESTED.value,
            ~exists().where(RedactionRecord.record_version_id == RecordVersion.id),
        )
        .order_by(RecordVersion.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Decision)
        .execution_options(populate_existing=True)
    )
    return list(session.scalars(statement))


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
    publishable = bool(result["publishable"])
    details = list(result.get("withhold_details") or [])
    reason = result.get("withhold_reason")
    stored = insert_ignore(
        session,
        RedactionRecord,
        {
            "record_version_id": version_id,
            "publishable": publishable,
            "withhold_reason": reason,
            "withhold_details": details,
            "redacted_text": result["redacted_text"],
            "spans": list(result.get("spans") or []),
            "doubts": list(result.get("doubts") or []),
            "engine_version": engine_version,
            "created_at": utcnow(),
        },
        ["record_version_id"],
    )
    if stored is None:
        return False
    # Locked (PostgreSQL), so a version superseded meanwhile is seen as such.
    decision = session.scalars(
        select(Decision)
        .where(Decision.current_version_id == version_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if decision is not None and decision.state == DecisionState.INGESTED:
        set_state(
            session,
            decision,
            DecisionState.REDACTED if publishable else DecisionState.WITHHELD,
            actor=actor,
            reason=_withholding_text(details, reason),
            details={
                "record_version_id": version_id,
                "redaction_id": stored,
                "withhold_reason": reason,
            },
        )
    return True


def _withholding_text(details: list[dict[str, Any]], reason: str | None) -> str | None:
    """The rules that withheld the decision, with their legal basis, for the audit log."""
    text = "; ".join(f"{d.get('reason')}: {d.get('detail')}" for d in details)
    return text or reason
