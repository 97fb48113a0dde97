"""Publication data functions: channel records (one per decision and channel, idempotent),
openings, withdrawals due, problem reports, back to review, and the publication deadline."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gongkai.store import (
    AuditEntry,
    ChannelStatus,
    Decision,
    DecisionState,
    Publication,
    ReviewBatch,
    add_record_version,
    add_to_batch,
    channel_openings,
    create_review_batch,
    handle_problem_report,
    open_channel_for,
    open_problem_reports,
    overdue,
    pending_versions,
    publications_of,
    record_problem_report,
    record_published,
    record_taken_down,
    return_to_review,
    store_redaction,
)
from gongkai.store.publication import (
    approved_for_publication,
    finish_publication,
    last_collected_report,
    live_channels,
    missing_from_channel,
    open_agencies,
    withdrawals_due,
)
from gongkai.store.review import approve_batch

FLOW, ALICE = "flow:test", "user:alice"
AGENCY = "某市公安局某分局"
T0 = dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.UTC)


def _actions(session: Session, subject: str | None = None) -> Counter[str]:
    statement = select(AuditEntry.action)
    if subject is not None:
        statement = statement.where(AuditEntry.subject_id == subject)
    return Counter(session.scalars(statement))


def _decisions(session: Session, record, result, dates: dict[str, dt.date]) -> list[Decision]:
    """Decisions redacted from ``dates`` (source id → decision date), in state ``redacted``."""
    for source_id, decided in dates.items():
        kwargs = record(source_id, f"{source_id} 违法行为人张伟")
        kwargs["decision_date"] = decided
        add_record_version(session, **kwargs)
    for version in pending_versions(session, None):
        store_redaction(session, version.id, result(), engine_version="t", actor=FLOW)
    return list(session.scalars(select(Decision).order_by(Decision.id)))


def _approve(session: Session, decisions: list[Decision]) -> None:
    batch = create_review_batch(session, agency=AGENCY, due_date=None, actor=FLOW)
    for decision in decisions:
        add_to_batch(session, decision, batch, actor=FLOW)
    approve_batch(session, batch, actor=ALICE)


def _publish(session: Session, decision: Decision, channel: str, digest: str = "h1", rev: int = 1):
    return record_published(
        session,
        decision,
        channel=channel,
        public_id=f"p-{decision.source_id}",
        content_hash=digest,
        revision=rev,
        at=T0,
        actor=FLOW,
    )


# --- openings ---------------------------------------------------------------------------------


def test_opening_a_channel_is_audited_and_the_same_opening_again_is_a_no_op(
    session: Session,
) -> None:
    opening, changed = open_channel_for(
        session, channel="public", agency=AGENCY, opens_on=dt.date(2026, 1, 10), actor=ALICE
    )
    assert changed and opening.source == "command" and opening.opened_by == ALICE
    assert open_channel_for(
        session, channel="public", agency=AGENCY, opens_on=dt.date(2026, 1, 10), actor=ALICE
    ) == (opening, False)
    # The settings never override a command; a new date by command replaces the old one.
    _, changed = open_channel_for(
        session,
        channel="public",
        agency=AGENCY,
        opens_on=dt.date(2026, 3, 1),
        actor=FLOW,
        source="settings",
    )
    assert not changed
    _, changed = open_channel_for(
        session, channel="public", agency=AGENCY, opens_on=dt.date(2026, 1, 5), actor=ALICE
    )
    assert changed
    assert [o.opens_on for o in channel_openings(session, "public")] == [dt.date(2026, 1, 5)]
    assert open_agencies(session, "public", dt.date(2026, 1, 4)) == set()
    assert open_agencies(session, "public", dt.date(2026, 1, 5)) == {AGENCY}
    assert _actions(session, f"public:{AGENCY}") == {
        "channel_opened": 1,
        "channel_opening_changed": 1,
    }
    with pytest.raises(ValueError, match="unknown channel"):
        open_channel_for(session, channel="radio", agency=AGENCY, opens_on=T0.date(), actor=ALICE)


# --- what each channel holds ------------------------------------------------------------------


def test_a_channel_write_is_recorded_once_per_decision_and_channel(
    session: Session, record, result
) -> None:
    decisions = _decisions(session, record, result, {"d1": dt.date(2025, 11, 3)})
    _approve(session, decisions)
    decision = decisions[0]

    assert _publish(session, decision, "pilot")
    assert not _publish(session, decision, "pilot")  # the same write again: nothing
    assert _publish(session, decision, "pilot", digest="h2", rev=2)  # a correction
    assert _publish(session, decision, "public")
    assert finish_publication(session, decision, actor=FLOW)
    assert decision.state == DecisionState.PUBLISHED.value
    assert not finish_publication(session, decision, actor=FLOW)
    rows = publications_of(session, decision)
    assert {c: (p.content_hash, p.revision, p.status) for c, p in rows.items()} == {
        "pilot": ("h2", 2, "published"),
        "public": ("h1", 1, "published"),
    }

    assert record_taken_down(
        session,
        decision,
        channel="public",
        status=ChannelStatus.WITHDRAWN,
        reason="封存",
        at=T0,
        actor=FLOW,
        rule_id="zhian-sealed-public",
    )
    assert not record_taken_down(
        session, decision, channel="public", status="withdrawn", reason="封存", at=T0, actor=FLOW
    )
    assert live_channels(session, decision) == ["pilot"]
    public = publications_of(session, decision)["public"]
    assert (public.withdrawn_at, public.rule_id, public.reason) == (
        T0,
        "zhian-sealed-public",
        "封存",
    )
    # Back on the channel (say the rule was lifted): the rule is cleared.
    assert _publish(session, decision, "public", digest="h1", rev=2)
    assert publications_of(session, decision)["public"].rule_id is None
    assert _actions(session, "d1") >= Counter(
        {
            "channel_published": 2,
            "channel_corrected": 1,
            "channel_withdrawn": 1,
            "channel_republished": 1,
        }
    )

    session.add(
        Publication(
            decision_id=decision.id,
            channel="pilot",
            public_id="x",
            content_hash="h",
            revision=1,
            status="published",
            published_at=T0,
            content_at=T0,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_candidates_for_publication_oldest_first(session: Session, record, result) -> None:
    dates = {"late": dt.date(2025, 6, 1), "early": dt.date(2024, 6, 1), "mid": dt.date(2025, 1, 1)}
    decisions = {d.source_id: d for d in _decisions(session, record, result, dates)}
    _approve(session, list(decisions.values()))
    ids = approved_for_publication(session)
    assert [session.get(Decision, i).source_id for i in ids] == ["early", "mid", "late"]

    for decision in decisions.values():
        _publish(session, decision, "pilot")
        finish_publication(session, decision, actor=FLOW)
    _publish(session, decisions["mid"], "public")
    record_taken_down(
        session,
        decisions["late"],
        channel="pilot",
        status="withdrawn",
        reason="r",
        at=T0,
        actor=FLOW,
        rule_id="old-rule",
    )
    missing = missing_from_channel(session, "public", [AGENCY])
    assert [session.get(Decision, i).source_id for i in missing] == ["early", "late"]
    assert missing_from_channel(session, "public", ["另一个单位"]) == []
    bounded = missing_from_channel(
        session, "public", [AGENCY], decided_on_or_after=dt.date(2025, 1, 1)
    )
    assert [session.get(Decision, i).source_id for i in bounded] == ["late"]
    # A rule no longer in force does not keep a decision off; one in force does.
    pilot = missing_from_channel(session, "pilot", [AGENCY])
    assert [session.get(Decision, i).source_id for i in pilot] == ["late"]
    assert missing_from_channel(session, "pilot", [AGENCY], rules_in_force=["old-rule"]) == []


def test_withdrawals_are_due_for_what_was_published_before_the_status_changed(
    session: Session, record, result
) -> None:
    decisions = _decisions(session, record, result, {"d1": dt.date(2025, 3, 1)})
    _approve(session, decisions)
    decision = decisions[0]
    _publish(session, decision, "pilot")
    _publish(session, decision, "public")
    assert withdrawals_due(session) == []

    kwargs = record("d1", "d1 违法行为人张伟", status="revoked")
    add_record_version(session, **kwargs)
    [due] = withdrawals_due(session)
    assert (due.source_id, due.status, due.channels) == ("d1", "revoked", ("pilot", "public"))

    record_taken_down(
        session, decision, channel="pilot", status="withdrawn", reason="撤销", at=T0, actor=FLOW
    )
    assert withdrawals_due(session)[0].channels == ("public",)
    # Published again after the withdrawal was recorded (re-reviewed): not due.
    later = decision.withdrawal_recorded_at + dt.timedelta(hours=1)
    record_published(
        session,
        decision,
        channel="public",
        public_id="p-d1",
        content_hash="h9",
        revision=3,
        at=later,
        actor=FLOW,
    )
    assert withdrawals_due(session) == []


# --- back to review, reports ---------------------------------------------------------------


def test_decisions_go_back_to_review_in_a_new_batch(session: Session, record, result) -> None:
    dates = {"approved": dt.date(2025, 3, 1), "published": dt.date(2025, 3, 2)}
    decisions = {d.source_id: d for d in _decisions(session, record, result, dates)}
    _approve(session, list(decisions.values()))
    _publish(session, decisions["published"], "pilot")
    finish_publication(session, decisions["published"], actor=FLOW)

    moved = return_to_review(
        session,
        list(decisions.values()),
        agency=AGENCY,
        actor=FLOW,
        reason="leak guard at publication",
        due_date=dt.date(2025, 12, 1),
    )

    assert {d.source_id for d in moved} == {"approved", "published"}
    batches = {d.batch_id for d in decisions.values()}
    assert len(batches) == 1
    batch = session.get(ReviewBatch, batches.pop())
    assert batch.state == "open" and batch.due_date == dt.date(2025, 12, 1)
    assert {d.state for d in decisions.values()} == {DecisionState.IN_REVIEW.value}
    path = [
        (a.from_state, a.to_state)
        for a in session.scalars(
            select(AuditEntry)
            .where(AuditEntry.subject_id == "published", AuditEntry.action == "state_changed")
            .order_by(AuditEntry.id)
        )
    ][-3:]
    assert path == [("published", "ingested"), ("ingested", "redacted"), ("redacted", "in_review")]
    assert (
        return_to_review(
            session,
            list(decisions.values()),
            agency=AGENCY,
            actor=FLOW,
            reason="again",
            due_date=None,
        )
        == []
    )


def test_problem_reports_are_collected_once_and_listed_leaks_first(
    session: Session, record, result
) -> None:
    decisions = _decisions(session, record, result, {"d1": dt.date(2025, 3, 1)})
    _approve(session, decisions)
    _publish(session, decisions[0], "public")
    assert last_collected_report(session, "public") == 0

    error = record_problem_report(
        session,
        channel="public",
        channel_report_id=3,
        public_id="p-d1",
        kind="error",
        message="日期有误",
        reported_at=T0,
        actor=FLOW,
    )
    leak = record_problem_report(
        session,
        channel="public",
        channel_report_id=4,
        public_id="p-d1",
        kind="leak",
        message="有手机号",
        reported_at=T0 + dt.timedelta(hours=1),
        actor=FLOW,
    )
    unknown = record_problem_report(
        session,
        channel="pilot",
        channel_report_id=1,
        public_id="nope",
        kind="error",
        message="?",
        reported_at=T0,
        actor=FLOW,
    )
    again = record_problem_report(
        session,
        channel="public",
        channel_report_id=4,
        public_id="p-d1",
        kind="leak",
        message="有手机号",
        reported_at=T0,
        actor=FLOW,
    )

    assert again is None
    assert leak.decision_id == decisions[0].id and unknown.decision_id is None
    assert last_collected_report(session, "public") == 4
    assert [r.id for r in open_problem_reports(session)] == [leak.id, error.id, unknown.id]
    handle_problem_report(session, error, actor=ALICE, note="已核实，金额无误")
    assert error.id not in [r.id for r in open_problem_reports(session)]
    with pytest.raises(ValueError, match="already handled"):
        handle_problem_report(session, error, actor=ALICE, note="再次")
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "problem_reported")
    ).all()
    assert len(entries) == 3
    assert all("手机号" not in str(e.details) for e in entries)  # the message stays in the report


# --- the deadline -------------------------------------------------------------------------


def _weekdays(start: dt.date, days: int) -> dt.date:
    current = start
    while days:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def test_overdue_lists_decisions_not_published_n_working_days_after_the_decision(
    session: Session, record, result
) -> None:
    dates = {
        "old": dt.date(2025, 11, 3),  # Monday: due Wednesday 11-12
        "fresh": dt.date(2025, 11, 10),  # due 11-19
        "published": dt.date(2025, 11, 3),
        "withheld": dt.date(2025, 11, 3),
    }
    decisions = {d.source_id: d for d in _decisions(session, record, result, dates)}
    _approve(session, [decisions["published"]])
    _publish(session, decisions["published"], "pilot")
    decisions["withheld"].state = DecisionState.WITHHELD.value

    found = overdue(
        session, today=dt.date(2025, 11, 13), working_days=7, add_working_days=_weekdays
    )

    assert [(o.source_id, o.due_date, o.state) for o in found] == [
        ("old", dt.date(2025, 11, 12), "redacted")
    ]
    assert found[0].as_dict()["due_date"] == "2025-11-12"
    assert (
        overdue(session, today=dt.date(2025, 11, 12), working_days=7, add_working_days=_weekdays)
        == []
    )
    assert {
        o.source_id
        for o in overdue(
            session, today=dt.date(2025, 11, 20), working_days=7, add_working_days=_weekdays
        )
    } == {"old", "fresh"}
    assert (
        overdue(
            session,
            today=dt.date(2025, 11, 20),
            working_days=7,
            add_working_days=_weekdays,
            agency="别处",
        )
        == []
    )
