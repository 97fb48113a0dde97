"""Review data functions: queue, corrections (append-only), doubts, four-eyes, decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from gongkai.store import (
    AuditEntry,
    Decision,
    DecisionState,
    add_record_version,
    add_to_batch,
    create_review_batch,
    pending_versions,
    store_redaction,
)
from gongkai.store.accounts import (
    AccountError,
    add_user,
    authenticate,
    csrf_matches,
    end_session,
    signed_in,
    start_session,
)
from gongkai.store.models import AuditLogIsAppendOnly, Correction, ReviewBatch
from gongkai.store.review import (
    ReviewError,
    annotations_in_force,
    approve_batch,
    batch_decisions,
    confirm_withheld,
    correct,
    corrections_gold,
    decision_view,
    reject_batch,
    release_withheld,
    resolve_doubt,
    resubmit,
    review_queue,
    undo_correction,
)

FLOW = "flow:test"
ALICE, BOB = "user:alice", "user:bob"
TEXT = "违法行为人张伟殴打王芳。王芳报警。张伟的同事赵强在场。"


def _batch(session: Session, record, result, texts: dict[str, str], *, doubts=None, due=None):
    batch = create_review_batch(session, agency="某分局", due_date=due, actor=FLOW)
    for source_id, full_text in texts.items():
        add_record_version(session, **record(source_id, full_text))
    for version in pending_versions(session, limit=100):
        outcome = result()
        outcome["spans"] = [
            {
                "start": 5,
                "end": 7,
                "type": "PERSON",
                "replacement": "张某",
                "recognizer": "r",
                "score": 0.9,
                "explanation": "role word",
            }
        ]
        outcome["doubts"] = list(doubts or [])
        store_redaction(session, version.id, outcome, engine_version="t", actor=FLOW)
    for decision in session.scalars(select(Decision).where(Decision.batch_id.is_(None))):
        if decision.state == DecisionState.REDACTED:
            add_to_batch(session, decision, batch, actor=FLOW)
    session.flush()
    return batch


def _decision(session: Session, source_id: str) -> Decision:
    return session.scalars(select(Decision).where(Decision.source_id == source_id)).one()


def test_a_mark_applies_to_every_occurrence_and_is_audited(session, record, result) -> None:
    batch = _batch(session, record, result, {"d1": TEXT})
    decision = _decision(session, "d1")
    correct(session, decision, actor=ALICE, action="mark", value="王芳", entity_type="PERSON")
    view = decision_view(session, decision)
    human = [a for a in annotations_in_force(session, view) if a["human"]]
    assert [(a["start"], a["end"]) for a in human] == [(9, 11), (12, 14)]
    assert all(TEXT[a["start"] : a["end"]] == "王芳" for a in human)
    assert batch.last_edited_by == ALICE
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "correction_mark")).one()
    assert entry.details["occurrences"] == {"d1": 2}
    assert "王芳" not in str(entry.details)  # the audit log holds no originals


def test_batch_scope_marks_the_value_in_every_decision_of_the_batch(session, record, result):
    _batch(session, record, result, {"d1": TEXT, "d2": "证人王芳称……王芳", "d3": "无关文字"})
    correct(
        session,
        _decision(session, "d1"),
        actor=ALICE,
        action="mark",
        value="王芳",
        entity_type="PERSON",
        scope="batch",
    )
    counts = {
        sid: sum(
            a["human"]
            for a in annotations_in_force(session, decision_view(session, _decision(session, sid)))
        )
        for sid in ("d1", "d2", "d3")
    }
    assert counts == {"d1": 2, "d2": 2, "d3": 0}


def test_a_value_not_in_the_text_is_refused(session, record, result) -> None:
    _batch(session, record, result, {"d1": TEXT})
    with pytest.raises(ReviewError, match="不在"):
        correct(
            session,
            _decision(session, "d1"),
            actor=ALICE,
            action="mark",
            value="李四",
            entity_type="PERSON",
        )


def test_undo_takes_a_correction_back_and_cannot_be_repeated(session, record, result) -> None:
    _batch(session, record, result, {"d1": TEXT})
    decision = _decision(session, "d1")
    first = correct(
        session, decision, actor=ALICE, action="unmark", value="张伟", entity_type="PERSON"
    )
    keeps = [
        a for a in annotations_in_force(session, decision_view(session, decision)) if a["human"]
    ]
    assert {a["action"] for a in keeps} == {"keep"} and len(keeps) == 2
    undo_correction(session, first, actor=BOB)
    assert not [
        a for a in annotations_in_force(session, decision_view(session, decision)) if a["human"]
    ]
    with pytest.raises(ReviewError):
        undo_correction(session, first, actor=BOB)


def test_corrections_and_annotations_are_append_only(session, record, result) -> None:
    _batch(session, record, result, {"d1": TEXT})
    c = correct(
        session,
        _decision(session, "d1"),
        actor=ALICE,
        action="mark",
        value="王芳",
        entity_type="PERSON",
    )
    session.flush()
    c.reason = "changed"
    with pytest.raises(AuditLogIsAppendOnly):
        session.flush()
    session.rollback()


def test_the_database_refuses_to_change_annotations(session, record, result) -> None:
    _batch(session, record, result, {"d1": TEXT})
    correct(
        session,
        _decision(session, "d1"),
        actor=ALICE,
        action="mark",
        value="王芳",
        entity_type="PERSON",
    )
    session.flush()
    with pytest.raises(DatabaseError):
        session.execute(text("UPDATE annotations SET start = 0"))
    session.rollback()


def test_four_eyes_the_last_editor_cannot_approve(session, record, result) -> None:
    batch = _batch(session, record, result, {"d1": TEXT})
    correct(
        session,
        _decision(session, "d1"),
        actor=ALICE,
        action="mark",
        value="王芳",
        entity_type="PERSON",
    )
    with pytest.raises(ReviewError, match="四眼"):
        approve_batch(session, batch, actor=ALICE)
    approved = approve_batch(session, batch, actor=BOB)
    assert [d.state for d in approved] == ["approved"]
    assert (batch.state, batch.outcome, batch.decided_by) == ("closed", "approved", BOB)
    with pytest.raises(ReviewError):
        correct(
            session,
            _decision(session, "d1"),
            actor=ALICE,
            action="mark",
            value="赵强",
            entity_type="PERSON",
        )


def test_a_doubt_blocks_approval_until_resolved(session, record, result) -> None:
    doubt = {"kind": "name_like_left", "message": "可能是人名", "start": 17, "end": 19}
    batch = _batch(session, record, result, {"d1": TEXT, "d2": TEXT}, doubts=[doubt])
    rows = review_queue(session, today=dt.date(2024, 3, 1))
    assert [(r.size, r.flagged) for r in rows] == [(2, 2)]
    with pytest.raises(ReviewError, match="疑点"):
        approve_batch(session, batch, actor=BOB)
    for sid in ("d1", "d2"):
        view = decision_view(session, _decision(session, sid))
        with pytest.raises(ReviewError):
            resolve_doubt(session, view, 0, actor=ALICE, note="  ")
        resolve_doubt(session, view, 0, actor=ALICE, note="是地名，保留")
    assert review_queue(session, today=dt.date(2024, 3, 1))[0].flagged == 0
    with pytest.raises(ReviewError, match="四眼"):
        approve_batch(session, batch, actor=ALICE)  # resolving a doubt is an edit
    approve_batch(session, batch, actor=BOB)


def test_a_leak_guard_block_refuses_approval(session, record, result) -> None:
    batch = _batch(session, record, result, {"d1": TEXT})
    with pytest.raises(ReviewError, match="泄露"):
        approve_batch(session, batch, actor=BOB, blocked={"d1": "leak_guard: PERSON"})
    assert batch.state == "open"


def test_reject_needs_a_reason_and_sends_decisions_back(session, record, result) -> None:
    batch = _batch(session, record, result, {"d1": TEXT})
    with pytest.raises(ReviewError, match="理由"):
        reject_batch(session, batch, actor=BOB, reason=" ")
    reject_batch(session, batch, actor=BOB, reason="人名漏标")
    decision = _decision(session, "d1")
    assert decision.state == "rejected"
    assert (batch.outcome, batch.outcome_reason) == ("rejected", "人名漏标")
    correct(session, decision, actor=ALICE, action="mark", value="王芳", entity_type="PERSON")
    resubmit(session, decision, actor=ALICE)
    assert (decision.state, decision.batch_id) == ("redacted", None)


def test_queue_lists_overdue_batches_first(session, record, result) -> None:
    later = _batch(session, record, result, {"a": TEXT}, due=dt.date(2024, 3, 20))
    overdue = _batch(session, record, result, {"b": TEXT}, due=dt.date(2024, 2, 20))
    rows = review_queue(session, today=dt.date(2024, 3, 1))
    assert [(r.batch.id, r.overdue) for r in rows] == [(overdue.id, True), (later.id, False)]
    assert [
        r.batch.id for r in review_queue(session, today=dt.date(2024, 3, 1), overdue_only=True)
    ] == [overdue.id]


def test_withheld_decisions_can_be_confirmed_or_released_with_a_reason(session, record, result):
    add_record_version(session, **record("m1", TEXT))
    (version,) = pending_versions(session, limit=10)
    store_redaction(session, version.id, result(False), engine_version="t", actor=FLOW)
    decision = _decision(session, "m1")
    confirm_withheld(session, decision, actor=BOB, note="未成年人")
    assert decision.state == "withheld"
    with pytest.raises(ReviewError):
        release_withheld(session, decision, actor=BOB, reason="")
    release_withheld(session, decision, actor=BOB, reason="经核实当事人已成年")
    assert decision.state == "redacted"


def test_corrections_export_as_gold(session, record, result) -> None:
    _batch(session, record, result, {"d1": TEXT, "d2": TEXT})
    correct(
        session,
        _decision(session, "d1"),
        actor=ALICE,
        action="mark",
        value="赵强",
        entity_type="PERSON",
    )
    correct(
        session,
        _decision(session, "d1"),
        actor=ALICE,
        action="unmark",
        value="张伟",
        entity_type="PERSON",
    )
    (pair,) = list(corrections_gold(session))
    raw, gold = pair
    assert raw["source_id"] == gold["source_id"] == "d1"
    assert [p["text"] for p in gold["pii"]] == ["赵强"]  # the machine's 张伟 was unmarked
    assert [k["text"] for k in gold["keep"]] == ["张伟", "张伟"]
    assert [c["action"] for c in gold["corrections"]] == ["mark", "unmark"]


def test_accounts_sessions_and_csrf(session) -> None:
    with pytest.raises(AccountError):
        add_user(session, "alice", "short", "reviewer")
    with pytest.raises(AccountError):
        add_user(session, "alice", "a long enough password", "boss")
    user = add_user(session, "alice", "a long enough password", "reviewer")
    with pytest.raises(AccountError):
        add_user(session, "alice", "another long password", "admin")
    assert user.password_hash != "a long enough password"
    assert authenticate(session, "alice", "wrong password!") is None
    assert authenticate(session, "nobody", "a long enough password") is None
    assert authenticate(session, "alice", "a long enough password") is user
    token, row = start_session(session, user)
    assert token not in row.token_hash
    current = signed_in(session, token)
    assert current is not None and current.user is user
    assert csrf_matches(current.csrf_token, current.csrf_token)
    assert not csrf_matches(current.csrf_token, "x" + current.csrf_token[1:])
    assert not csrf_matches(current.csrf_token, None)
    assert signed_in(session, token + "x") is None
    end_session(session, current)
    assert signed_in(session, token) is None
    actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["user_added", "login_failed", "login_failed", "login", "logout"]


def test_batch_decisions_reads_originals_for_staff(session, record, result) -> None:
    batch = _batch(session, record, result, {"d1": TEXT})
    (view,) = batch_decisions(session, session.get(ReviewBatch, batch.id))
    assert view.text == TEXT and view.redaction is not None
    assert session.scalars(select(Correction)).all() == []


def test_four_eyes_follows_a_corrected_decision_into_its_next_batch(session, record, result):
    batch = _batch(session, record, result, {"d1": TEXT})
    reject_batch(session, batch, actor=BOB, reason="漏标")
    decision = _decision(session, "d1")
    correct(session, decision, actor=ALICE, action="mark", value="王芳", entity_type="PERSON")
    resubmit(session, decision, actor=ALICE)
    second = create_review_batch(session, agency="某分局", due_date=None, actor=FLOW)
    add_to_batch(session, decision, second, actor=FLOW)
    with pytest.raises(ReviewError, match="四眼"):
        approve_batch(session, second, actor=ALICE)
    approve_batch(session, second, actor=BOB)
