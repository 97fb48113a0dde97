"""The append-only audit log and the decision state machine.

Every change of a decision's state goes through :func:`set_state`, which writes an audit entry
naming who (a user, or a flow run), when, from which state to which, and why.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from .models import AuditEntry, Decision, DecisionState, utcnow

S = DecisionState

# Allowed moves. Any state may also go back to ``ingested``: a new version of the record
# supersedes the old one and re-enters redaction.
TRANSITIONS: dict[DecisionState, frozenset[DecisionState]] = {
    S.INGESTED: frozenset({S.REDACTED, S.WITHHELD}),
    S.REDACTED: frozenset({S.IN_REVIEW, S.WITHHELD}),
    # An approver may release a withheld decision for publication, with a reason.
    S.WITHHELD: frozenset({S.REDACTED}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.REJECTED, S.REDACTED, S.WITHHELD}),
    S.APPROVED: frozenset({S.PUBLISHED, S.IN_REVIEW, S.WITHHELD}),
    S.REJECTED: frozenset({S.IN_REVIEW, S.REDACTED, S.WITHHELD}),
    # Reopened for correction (back to review, then approved and published again), or
    # withheld when a re-redaction finds a rule that keeps it off every channel.
    S.PUBLISHED: frozenset({S.WITHDRAWN, S.EXPIRED, S.IN_REVIEW, S.WITHHELD}),
    S.WITHDRAWN: frozenset(),
    S.EXPIRED: frozenset(),
}


class InvalidTransition(ValueError):
    """A state change the state machine does not allow."""


class Auditable(Protocol):
    @property
    def audit_subject(self) -> tuple[str, str]: ...


Subject = Auditable | tuple[str, str | int]


def can_transition(from_state: str, to_state: str) -> bool:
    target = DecisionState(to_state)
    return target is S.INGESTED or target in TRANSITIONS[DecisionState(from_state)]


def audit(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: Subject,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log. ``actor`` names a user (``user:alice``) or a flow run
    (``flow:ingest/<run id>``); ``details`` must be JSON-serialisable."""
    if not actor.strip():
        raise ValueError("an audit entry needs an actor")
    subject_type, subject_id = subject if isinstance(subject, tuple) else subject.audit_subject
    entry = AuditEntry(
        at=utcnow(),
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        from_state=None if from_state is None else str(from_state),
        to_state=None if to_state is None else str(to_state),
        reason=reason,
        details=details,
    )
    session.add(entry)
    return entry


def set_state(
    session: Session,
    decision: Decision,
    to_state: str,
    *,
    actor: str,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> bool:
    """Move ``decision`` to ``to_state`` and audit it. Returns ``False`` (and writes nothing)
    when the decision is already there; raises :class:`InvalidTransition` for a move the
    state machine forbids."""
    target = DecisionState(to_state)
    current = DecisionState(decision.state)
    if target is current:
        return False
    if not can_transition(current, target):
        raise InvalidTransition(
            f"decision {decision.source_id}: {current.value} → {target.value} is not allowed"
        )
    decision.state = target
    audit(
        session,
        actor=actor,
        action="state_changed",
        subject=decision,
        from_state=current,
        to_state=target,
        reason=reason,
        details=details,
    )
    return True
