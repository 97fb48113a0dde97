"""Correcting a published decision (issue 5): reopening it for correction in a batch of its own,
and a new machine result that keeps every human correction. On SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gongkai.store import (
    AuditEntry,
    Decision,
    DecisionState,
    ReviewBatch,
    add_record_version,
    add_to_batch,
    can_transition,
    create_review_batch,
    pending_versions,
    record_published,
    set_state,
    store_redaction,
)
from gongkai.store.models import DoubtResolution
from gongkai.store.review import (
    ReviewError,
    annotations_in_force,
    approve_batch,
    correct,
    correction_batch_ids,
    decision_view,
    reopen_for_correction,
    replace_machine_result,
    resolve_doubt,
    undo_correction,
)

FLOW = "flow:test"
ALICE, BOB, CAROL = "user:alice", "user:bob", "user:carol"
TEXT = "违法行为人张伟殴打王芳。王芳报警。张伟的同事赵强在场。"
T0 = dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.UTC)
TODAY = dt.date(2025, 12, 15)
SPAN = {
    "start": 5,
    "end": 7,
    "type": "PERSON",
    "replacement": "张某",
    "recognizer": "r",
    "score": 0.9,
    "explanation": "role word",
}
DOUBT = {"kind": "name_like_left", "message": "像人名的词未替换", "start": 22, "end": 24}


def _in_review(session: Session, record, result, *, doubts=()) -> tuple[Decision, ReviewBatch]:
    add_record_version(session, **record("d1", TEXT))
    outcome = result()
    outcome["spans"] = [SPAN]
    outcome["doubts"] = list(doubts)
    for version in pending_versions(session, limit=10):
        store_redaction(session, version.id, outcome, engine_version="t1", actor=FLOW)
    decision = session.scalars(select(Decision).where(Decision.source_id == "d1")).one()
    batch = create_review_batch(session, agency="某分局", due_date=None, actor=FLOW)
    add_to_batch(session, decision, batch, actor=FLOW)
    return decision, batch


def _published(session: Session, record, result) -> Decision:
    decision, batch = _in_review(session, record, result)
    approve_batch(session, batch, actor=BOB)
    record_published(
        session,
        decision,
        channel="pilot",
        public_id="p1",
        content_hash="a" * 64,
        revision=1,
        at=T0,
        actor=FLOW,
    )
    set_state(session, decision, DecisionState.PUBLISHED, actor=FLOW)
    return decision


def _actions(session: Session, subject: str) -> Counter[str]:
    return Counter(
        session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == subject))
    )


def _audit_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_a_published_decision_may_go_back_to_review_or_be_withheld() -> None:
    assert can_transition("published", "in_review")
    assert can_transition("published", "withheld")
    assert not can_transition("published", "approved")
    assert not can_transition("withdrawn", "in_review")


def test_reopening_puts_a_published_decision_in_a_correction_batch_of_its_own(
    session: Session, record, result
) -> None:
    decision = _published(session, record, result)
    old_batch = decision.batch_id

    batch = reopen_for_correction(
        session, decision, actor=ALICE, reason="漏标证人姓名", due_date=TODAY
    )

    assert decision.state == DecisionState.IN_REVIEW.value
    assert decision.batch_id == batch.id != old_batch
    assert (batch.state, batch.due_date, batch.agency) == ("open", TODAY, "某市公安局某分局")
    assert correction_batch_ids(session, [batch.id, old_batch]) == {batch.id}
    assert batch.last_edited_by == ALICE
    entries = {
        e.action: e
        for e in session.scalars(
            select(AuditEntry).where(
                AuditEntry.action.in_(
                    ["reopened_for_correction", "correction_batch_opened", "state_changed"]
                ),
                AuditEntry.reason == "漏标证人姓名",
            )
        )
    }
    assert set(entries) == {"reopened_for_correction", "correction_batch_opened", "state_changed"}
    assert (entries["state_changed"].from_state, entries["state_changed"].to_state) == (
        "published",
        "in_review",
    )
    assert entries["reopened_for_correction"].details["from_state"] == "published"
    assert entries["reopened_for_correction"].details["take_down"] is False
    assert entries["correction_batch_opened"].subject_id == str(batch.id)
    # Nothing was taken down: the channel record is as it was.
    assert entries["reopened_for_correction"].details["hidden_on"] == []


def test_four_eyes_hold_for_a_correction_batch(session: Session, record, result) -> None:
    decision = _published(session, record, result)
    batch = reopen_for_correction(session, decision, actor=ALICE, reason="漏标", due_date=TODAY)
    # The one who reopened it may not approve it alone.
    with pytest.raises(ReviewError, match="四眼"):
        approve_batch(session, batch, actor=ALICE)
    correct(session, decision, actor=CAROL, action="mark", value="王芳", entity_type="PERSON")
    with pytest.raises(ReviewError, match="四眼"):
        approve_batch(session, batch, actor=CAROL)
    approve_batch(session, batch, actor=ALICE)
    assert decision.state == DecisionState.APPROVED.value
    view = decision_view(session, decision)
    assert [(a["start"], a["end"]) for a in annotations_in_force(session, view) if a["human"]] == [
        (9, 11),
        (12, 14),
    ]


def test_reopening_needs_a_reason_and_an_approved_or_published_decision(
    session: Session, record, result
) -> None:
    decision, batch = _in_review(session, record, result)
    before = _audit_count(session)
    with pytest.raises(ReviewError, match="已批准或已发布"):
        reopen_for_correction(session, decision, actor=ALICE, reason="漏标")
    assert _audit_count(session) == before
    approve_batch(session, batch, actor=BOB)
    before = _audit_count(session)
    with pytest.raises(ReviewError, match="理由"):
        reopen_for_correction(session, decision, actor=ALICE, reason="  ")
    assert _audit_count(session) == before
    # An approved decision not yet out goes straight back (no channel to think of).
    reopen_for_correction(session, decision, actor=ALICE, reason="批准有误")
    assert decision.state == DecisionState.IN_REVIEW.value
    assert _actions(session, "d1")["reopened_for_correction"] == 1


def _improved(result, *, doubts=(), extra_spans=()) -> dict:
    outcome = result()
    outcome["spans"] = [SPAN, *extra_spans]
    outcome["doubts"] = list(doubts)
    outcome["redacted_text"] = "违法行为人张某殴打王芳。王芳报警。张某的同事赵某在场。"
    return outcome


def test_a_new_machine_result_keeps_human_corrections_and_undo_still_works(
    session: Session, record, result
) -> None:
    decision, _ = _in_review(session, record, result)
    mark = correct(
        session, decision, actor=ALICE, action="mark", value="王芳", entity_type="PERSON"
    )
    zhao = dict(SPAN, start=22, end=24, replacement="赵某", recognizer="better")

    details = replace_machine_result(
        session, decision, _improved(result, extra_spans=[zhao]), engine_version="t2", actor=FLOW
    )

    assert details is not None
    assert details["spans_added"] == [[22, 24, "PERSON"]] and details["spans_removed"] == []
    assert details["engine_version"] == {"from": "t1", "to": "t2"}
    assert "赵强" not in str(details) and "王芳" not in str(details)  # no originals in the log
    view = decision_view(session, decision)
    assert view.redaction is not None and view.redaction.engine_version == "t2"
    assert decision.state == DecisionState.IN_REVIEW.value  # still in its batch
    in_force = annotations_in_force(session, view)
    assert [(a["start"], a["end"], a["human"]) for a in in_force] == [
        (5, 7, False),
        (22, 24, False),
        (9, 11, True),
        (12, 14, True),
    ]
    undo_correction(session, mark, actor=BOB)
    view = decision_view(session, decision)
    assert not [a for a in annotations_in_force(session, view) if a["human"]]
    assert _actions(session, "d1")["redaction_replaced"] == 1


def test_the_same_result_again_writes_nothing(session: Session, record, result) -> None:
    decision, _ = _in_review(session, record, result)
    same = result()
    same["spans"] = [copy.deepcopy(SPAN)]
    before = _audit_count(session)
    assert replace_machine_result(session, decision, same, engine_version="t9", actor=FLOW) is None
    assert _audit_count(session) == before
    assert decision_view(session, decision).redaction.engine_version == "t1"


def test_doubt_resolutions_follow_their_doubt_or_are_dropped(
    session: Session, record, result
) -> None:
    other = {"kind": "unclassified_number", "message": "未识别的数字", "start": 1, "end": 3}
    decision, _ = _in_review(session, record, result, doubts=[other, DOUBT])
    view = decision_view(session, decision)
    resolve_doubt(session, view, 0, actor=ALICE, note="非个人信息")
    resolve_doubt(session, view, 1, actor=ALICE, note="已阅")
    fresh = {"kind": "name_like_left", "message": "新疑点", "start": 30, "end": 32}

    details = replace_machine_result(
        session, decision, _improved(result, doubts=[fresh, DOUBT]), engine_version="t2", actor=FLOW
    )

    assert details is not None and details["resolutions_kept"] == 1
    assert details["resolutions_dropped"] == [
        {"doubt_index": 0, "kind": "unclassified_number", "actor": ALICE}
    ]
    view = decision_view(session, decision)
    assert set(view.resolved_doubts) == {1} and view.resolved_doubts[1].note == "已阅"
    assert view.open_doubts == [0]
    assert session.scalar(select(func.count()).select_from(DoubtResolution)) == 1
