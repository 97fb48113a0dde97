"""Record versions, quarantine and export files: idempotent, superseding, withdrawal."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gongkai.store import (
    AuditEntry,
    CountsDoNotReconcile,
    Decision,
    DecisionState,
    FileStatus,
    IngestCounts,
    QuarantineEntry,
    RecordVersion,
    VersionOutcome,
    add_record_version,
    add_to_batch,
    create_review_batch,
    file_already_ingested,
    quarantine,
    record_ingested_file,
    store_redaction,
)

ACTOR = "test:store"


def _decision(session: Session, source_id: str) -> Decision:
    return session.scalars(select(Decision).where(Decision.source_id == source_id)).one()


def _versions(session: Session, source_id: str) -> list[RecordVersion]:
    return list(
        session.scalars(
            select(RecordVersion)
            .where(RecordVersion.source_id == source_id)
            .order_by(RecordVersion.version)
        )
    )


def test_new_then_identical_record_is_a_no_op(session: Session, record) -> None:
    assert add_record_version(session, **record("d1")) == VersionOutcome.NEW
    audit_rows = session.scalar(select(func.count(AuditEntry.id)))
    assert add_record_version(session, **record("d1", line_no=7)) == "unchanged"
    assert add_record_version(session, **record("d1", file_path="other.jsonl")) == "unchanged"

    [version] = _versions(session, "d1")
    assert (version.version, version.is_current, version.line_no) == (1, True, 1)
    decision = _decision(session, "d1")
    assert decision.current_version_id == version.id
    assert decision.state == DecisionState.INGESTED
    assert session.scalar(select(func.count(AuditEntry.id))) == audit_rows  # nothing written


def test_changed_record_supersedes_and_reenters_redaction(session: Session, record, result) -> None:
    add_record_version(session, **record("d1", "旧文"))
    [first] = _versions(session, "d1")
    store_redaction(session, first.id, result(), engine_version="t", actor=ACTOR)
    batch = create_review_batch(session, agency="A", due_date=None, actor=ACTOR)
    decision = _decision(session, "d1")
    add_to_batch(session, decision, batch, actor=ACTOR)
    assert decision.state == DecisionState.IN_REVIEW

    outcome = add_record_version(session, **record("d1", "新文", file_path="export-2.jsonl"))

    assert outcome == VersionOutcome.SUPERSEDING
    old, new = _versions(session, "d1")
    assert (old.is_current, old.superseded_by_id) == (False, new.id)
    assert (new.version, new.is_current, new.file_path) == (2, True, "export-2.jsonl")
    assert decision.current_version_id == new.id
    assert decision.state == DecisionState.INGESTED  # to be redacted again
    assert decision.batch_id is None
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None
    assert (last.action, last.from_state, last.to_state) == (
        "state_changed",
        "in_review",
        "ingested",
    )
    assert last.reason == "superseded by version 2 (export-2.jsonl:1)"


def test_an_old_version_delivered_again_changes_nothing(session: Session, record) -> None:
    add_record_version(session, **record("d1", "v1"))
    add_record_version(session, **record("d1", "v2"))
    assert add_record_version(session, **record("d1", "v1")) == VersionOutcome.UNCHANGED
    assert [v.is_current for v in _versions(session, "d1")] == [False, True]


def test_revocation_is_recorded_for_withdrawal(session: Session, record) -> None:
    add_record_version(session, **record("d1", "文"))
    assert _decision(session, "d1").withdrawal_status is None

    outcome = add_record_version(
        session, **record("d1", "文", status="revoked"), status_reason="复议撤销"
    )

    assert outcome == VersionOutcome.SUPERSEDING
    decision = _decision(session, "d1")
    assert decision.withdrawal_status == "revoked"
    assert decision.withdrawal_recorded_at is not None
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "withdrawal_recorded")
    ).all()
    assert [(e.subject_id, e.reason) for e in entries] == [("d1", "status revoked: 复议撤销")]

    # The same status again (another correction) is not recorded twice.
    add_record_version(session, **record("d1", "文2", status="revoked"))
    assert (
        session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "withdrawal_recorded")
        )
        == 1
    )


@pytest.mark.parametrize("status", ["changed", "confirmed_illegal", "confirmed_void"])
def test_other_withdrawal_statuses_on_a_first_version(session: Session, record, status) -> None:
    assert add_record_version(session, **record("d1", status=status)) == VersionOutcome.NEW
    assert _decision(session, "d1").withdrawal_status == status


def test_the_database_allows_one_current_version_only(session: Session, record) -> None:
    add_record_version(session, **record("d1", "v1"))
    add_record_version(session, **record("d1", "v2"))
    with pytest.raises(IntegrityError):
        session.execute(update(RecordVersion).values(is_current=True))


def test_quarantine_is_idempotent(session: Session) -> None:
    line = {"file_path": "export-1.jsonl", "line_no": 3, "raw": "{not json", "reason": "bad"}
    assert quarantine(session, **line) is True
    assert quarantine(session, **line) is False
    assert quarantine(session, **{**line, "reason": "other reason"}) is False
    assert quarantine(session, **{**line, "line_no": 4}, field="decision_date") is True
    entries = session.scalars(select(QuarantineEntry).order_by(QuarantineEntry.line_no)).all()
    assert [(e.line_no, e.reason, e.field) for e in entries] == [
        (3, "bad", None),
        (4, "bad", "decision_date"),
    ]


def test_quarantine_rerun_in_a_new_transaction_adds_nothing(sessions) -> None:
    line = {"file_path": "f.jsonl", "line_no": 1, "raw": "x", "reason": "r"}
    for expected in (True, False):
        with sessions.begin() as session:
            assert quarantine(session, **line) is expected
    with sessions() as session:
        assert session.scalar(select(func.count(QuarantineEntry.id))) == 1


def test_export_files_are_recorded_once_per_path(session: Session) -> None:
    assert not file_already_ingested(session, "e.jsonl")
    record_ingested_file(session, "e.jsonl", size=10, sha256="a" * 64, status=FileStatus.INGESTING)
    assert not file_already_ingested(session, "e.jsonl")  # a crashed run is redone

    counts = IngestCounts(lines_read=5, new=2, unchanged=1, superseding=1, quarantined=1)
    row = record_ingested_file(session, "e.jsonl", size=10, sha256="a" * 64, counts=counts)

    assert (row.status, row.lines_read, row.lines_new, row.lines_quarantined) == ("done", 5, 2, 1)
    assert file_already_ingested(session, "e.jsonl")
    assert file_already_ingested(session, "e.jsonl", sha256="a" * 64)
    assert not file_already_ingested(session, "e.jsonl", sha256="b" * 64)


def test_counts_that_do_not_reconcile_are_refused(session: Session) -> None:
    with pytest.raises(CountsDoNotReconcile):
        record_ingested_file(
            session, "e.jsonl", size=1, sha256="a" * 64, counts=IngestCounts(lines_read=2, new=1)
        )


def test_lines_from_the_sample_export(session: Session) -> None:
    """The export reader's lines go into the store as they are."""
    from pathlib import Path

    from gongkai.exportfile import read_export

    path = Path(__file__).parents[1] / "fixtures" / "sample-export.jsonl"
    outcomes = []
    for line in read_export(path):
        if line.record is None:
            quarantine(
                session,
                file_path=str(path),
                line_no=line.line_no,
                raw=line.raw,
                reason=line.error or "",
                field=line.field,
            )
            outcomes.append("quarantined")
            continue
        outcomes.append(
            add_record_version(
                session,
                source_id=line.record.source_id,
                content_hash=line.content_hash,
                file_path=str(path),
                line_no=line.line_no,
                raw=line.raw,
                status=line.record.status,
                decision_date=line.record.decision_date,
                agency=line.record.agency,
                actor=ACTOR,
            )
        )
    assert outcomes and set(outcomes) <= {"new", "superseding", "unchanged", "quarantined"}
    versions = session.scalars(select(RecordVersion)).all()
    assert all(v.raw.startswith("{") for v in versions)
