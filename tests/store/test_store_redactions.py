"""Pending versions and stored redaction results."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.store import (
    AuditEntry,
    Decision,
    DecisionState,
    RedactionRecord,
    add_record_version,
    pending_versions,
    store_redaction,
    unbatched_decisions,
)

ACTOR = "flow:redact/test"


def _state(session: Session, source_id: str) -> str:
    return session.scalars(select(Decision.state).where(Decision.source_id == source_id)).one()


def test_pending_versions_are_current_and_unredacted(session: Session, record) -> None:
    for n in range(3):
        add_record_version(session, **record(f"d{n}"))
    add_record_version(session, **record("d0", "更正"))

    pending = pending_versions(session, limit=10)

    assert [(v.source_id, v.version) for v in pending] == [("d1", 1), ("d2", 1), ("d0", 2)]
    assert [v.source_id for v in pending_versions(session, limit=2)] == ["d1", "d2"]


def test_store_redaction_moves_the_decision_once(session: Session, record, result) -> None:
    add_record_version(session, **record("ok"))
    add_record_version(session, **record("minor"))
    ok, minor = pending_versions(session, limit=10)

    assert store_redaction(session, ok.id, result(), engine_version="0.1.0", actor=ACTOR)
    assert store_redaction(session, minor.id, result(False), engine_version="0.1.0", actor=ACTOR)
    assert not store_redaction(session, ok.id, result(False), engine_version="x", actor=ACTOR)

    assert (_state(session, "ok"), _state(session, "minor")) == ("redacted", "withheld")
    assert pending_versions(session, limit=10) == []
    stored = session.scalars(
        select(RedactionRecord).where(RedactionRecord.record_version_id == minor.id)
    ).one()
    assert (stored.publishable, stored.withhold_reason) == (False, "minor")
    assert stored.withhold_details[0]["detail"].startswith("未成年人保护法")
    assert stored.spans[0]["replacement"] == "张某"
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.to_state == "withheld")
    ).one()  # the withheld decision keeps its reason
    assert (entry.actor, entry.subject_id, entry.from_state) == (ACTOR, "minor", "ingested")
    assert entry.reason is not None and entry.reason.startswith("minor: 未成年人保护法")
    assert [d.source_id for d in unbatched_decisions(session, limit=10)] == ["ok"]


def test_a_result_for_a_superseded_version_moves_no_state(session: Session, record, result) -> None:
    add_record_version(session, **record("d1", "v1"))
    [old] = pending_versions(session, limit=10)
    add_record_version(session, **record("d1", "v2"))

    assert store_redaction(session, old.id, result(), engine_version="t", actor=ACTOR)

    assert _state(session, "d1") == DecisionState.INGESTED
    assert [v.version for v in pending_versions(session, limit=10)] == [2]
