"""The state machine and the append-only audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from gongkai.store import (
    AuditEntry,
    AuditLogIsAppendOnly,
    Decision,
    DecisionState,
    InvalidTransition,
    add_record_version,
    audit,
    can_transition,
    set_state,
)

ACTOR = "user:legal-reviewer"


def _decision(session: Session, record) -> Decision:
    add_record_version(session, **record("d1"))
    return session.scalars(select(Decision)).one()


def _entries(session: Session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_every_state_change_is_audited(session: Session, record) -> None:
    decision = _decision(session, record)
    path = ["redacted", "in_review", "rejected", "in_review", "approved", "published", "withdrawn"]
    before = len(_entries(session))

    for state in path:
        assert set_state(session, decision, state, actor=ACTOR, reason=f"to {state}")

    changes = _entries(session)[before:]
    assert [(e.from_state, e.to_state) for e in changes] == list(
        zip(["ingested", *path[:-1]], path, strict=True)
    )
    assert {(e.actor, e.action, e.subject_type, e.subject_id) for e in changes} == {
        (ACTOR, "state_changed", "decision", "d1")
    }
    assert all(e.at.tzinfo is not None for e in changes)
    assert [e.reason for e in changes] == [f"to {s}" for s in path]


def test_ingest_writes_creation_and_version_entries(session: Session, record) -> None:
    _decision(session, record)
    assert [(e.action, e.from_state, e.to_state) for e in _entries(session)] == [
        ("decision_created", None, "ingested"),
        ("version_added", None, None),
    ]


def test_forbidden_and_idle_moves_write_nothing(session: Session, record) -> None:
    decision = _decision(session, record)
    before = len(_entries(session))
    with pytest.raises(InvalidTransition, match="ingested → published"):
        set_state(session, decision, DecisionState.PUBLISHED, actor=ACTOR)
    assert set_state(session, decision, "ingested", actor=ACTOR) is False
    with pytest.raises(ValueError):
        set_state(session, decision, "lost", actor=ACTOR)
    assert decision.state == "ingested"
    assert len(_entries(session)) == before


def test_any_state_can_reenter_ingest() -> None:
    assert all(can_transition(state, "ingested") for state in DecisionState)
    assert not can_transition("withheld", "published")


def test_actor_is_required(session: Session) -> None:
    with pytest.raises(ValueError, match="actor"):
        audit(session, actor=" ", action="x", subject=("decision", "d1"))


def test_orm_refuses_to_change_or_delete_entries(sessions, record) -> None:
    with sessions.begin() as session:
        _decision(session, record)
    with sessions() as session:
        entry = _entries(session)[0]
        entry.reason = "rewritten"
        with pytest.raises(AuditLogIsAppendOnly):
            session.flush()
    with sessions() as session:
        session.delete(_entries(session)[0])
        with pytest.raises(AuditLogIsAppendOnly):
            session.flush()


@pytest.mark.parametrize(
    "statement",
    [update(AuditEntry).values(reason="rewritten"), delete(AuditEntry)],
    ids=["update", "delete"],
)
def test_database_refuses_to_change_or_delete_entries(sessions, record, statement) -> None:
    with sessions.begin() as session:
        _decision(session, record)
    with sessions() as session, pytest.raises(DBAPIError, match="append-only"):
        session.execute(statement)
    with sessions() as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == 2
        assert session.scalar(select(func.count()).where(AuditEntry.reason == "rewritten")) == 0


@pytest.mark.parametrize("backend", ["postgresql"])  # SQLite has no TRUNCATE
def test_postgresql_refuses_truncate(sessions) -> None:
    with sessions() as session, pytest.raises(DBAPIError, match="append-only"):
        session.execute(text("TRUNCATE audit_log"))


def test_a_decision_changed_meanwhile_is_not_overwritten(sessions, record) -> None:
    with sessions.begin() as session:
        add_record_version(session, **record("d1"))
    with sessions() as first:
        with first.begin():  # reads, then lets go of the database (a reviewer's page)
            stale = first.scalars(select(Decision)).one()
        with sessions.begin() as second:
            set_state(second, second.scalars(select(Decision)).one(), "redacted", actor="a")
        with pytest.raises(StaleDataError), first.begin():
            set_state(first, stale, "withheld", actor="b")
    with sessions() as session:
        assert session.scalars(select(Decision.state)).one() == "redacted"
