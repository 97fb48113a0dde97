"""更正并重新发布 on the decision page: shown to approvers on approved and published decisions,
refused to reviewers and anonymous users, needs a reason, opens a correction batch (four eyes
apply as for any batch) and, when asked, takes the decision off the channels first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reviewdata import BASE_TEXT, MISSED_NAME, record, seed
from sqlalchemy import select
from sqlalchemy.orm import Session
from webtools import csrf_token_in, make_client, session_csrf

from gongkai.publication import write as channel_write
from gongkai.publication.db import open_channel, upgrade_channel
from gongkai.publication.write import PublicDecision
from gongkai.store import (
    AuditEntry,
    Decision,
    DecisionState,
    Publication,
    ReviewBatch,
    record_published,
    set_state,
)
from gongkai.store.review import CORRECTION_NOTICE, approve_batch, correction_batch_ids

SOURCE_ID = "0001"
TEXT = BASE_TEXT.format(name=MISSED_NAME)
NOW = dt.datetime(2026, 3, 20, 2, 0, tzinfo=dt.UTC)


def _item(redacted_text: str) -> PublicDecision:
    row = record(SOURCE_ID, TEXT)
    return PublicDecision(
        source_id=SOURCE_ID,
        decision_no=row["decision_no"],
        agency=row["agency"],
        decision_date=dt.date.fromisoformat(row["decision_date"]),
        violation_type=row["violation_type"],
        legal_basis=row["legal_basis"],
        law="道路交通安全法",
        penalty_types=tuple(row["penalty_types"]),
        fine_amount_fen=20000,
        redacted_text=redacted_text,
    )


@pytest.fixture
def pilot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A pilot channel store of its own (the public one is never written here)."""
    url = f"sqlite:///{tmp_path / 'channel-pilot.sqlite'}"
    monkeypatch.setenv("GONGKAI_PILOT_DATABASE_URL", url)
    monkeypatch.setenv("GONGKAI_PUBLIC_DATABASE_URL", f"sqlite:///{tmp_path / 'nowhere.sqlite'}")
    engine = open_channel("pilot", url)
    try:
        upgrade_channel(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def published(app, pilot: str) -> int:
    """A decision reviewed, approved and published on the pilot channel (with the name the
    redactor missed), as the publish flow leaves it."""
    batch_id = seed(app.state.sessions, [record(SOURCE_ID, TEXT)], due=dt.date(2026, 3, 18))
    assert batch_id is not None
    engine = open_channel("pilot", pilot)
    try:
        with Session(engine) as channel, channel.begin():
            channel_write.publish(channel, _item(f"……{MISSED_NAME}……"), now=NOW)
            row = channel_write.current(channel, SOURCE_ID)
            assert row is not None
            revision, digest = row.revision, row.content_hash
    finally:
        engine.dispose()
    with app.state.sessions.begin() as session:
        batch = session.get(ReviewBatch, batch_id)
        (decision,) = approve_batch(session, batch, actor="user:someone")
        record_published(
            session,
            decision,
            channel="pilot",
            public_id=channel_write.public_id_for(SOURCE_ID),
            content_hash=digest,
            revision=revision,
            at=NOW,
            actor="flow:publish/test",
        )
        set_state(session, decision, DecisionState.PUBLISHED, actor="flow:publish/test")
        return decision.id


def _decision(app, decision_id: int) -> Decision:
    with app.state.sessions() as session:
        decision = session.get(Decision, decision_id)
        assert decision is not None
        return decision


def _channel_row(pilot: str):
    engine = open_channel("pilot", pilot)
    try:
        with Session(engine) as channel:
            return channel_write.current(channel, SOURCE_ID)
    finally:
        engine.dispose()


def test_the_form_is_for_approvers_on_published_decisions(app, published, client, login) -> None:
    login(client, "approver")
    page = client.get(f"/decisions/{published}")
    assert page.status_code == 200
    assert "更正并重新发布" in page.text and 'name="take_down"' in page.text
    assert "先从公开渠道撤下" in page.text and 'name="reason" required' in page.text
    assert "内网试点（公开中）" in page.text
    reviewer = make_client(app)
    login(reviewer, "reviewer")
    assert "更正并重新发布" not in reviewer.get(f"/decisions/{published}").text


def test_reviewers_and_anonymous_cannot_reopen(app, published, client, login) -> None:
    login(client, "reviewer")
    refused = client.post(
        f"/decisions/{published}/reopen",
        data={"csrf_token": session_csrf(app, client), "reason": "漏标"},
    )
    assert refused.status_code == 403
    anonymous = make_client(app)
    token = csrf_token_in(anonymous.get("/login").text)
    redirected = anonymous.post(
        f"/decisions/{published}/reopen", data={"csrf_token": token, "reason": "漏标"}
    )
    assert redirected.status_code == 303
    assert redirected.headers["location"].startswith("/login?next=")
    assert _decision(app, published).state == DecisionState.PUBLISHED.value


def test_reopen_needs_a_reason_then_the_correction_is_reviewed_by_four_eyes(
    app, published, client, new_client, login, pilot
) -> None:
    login(client, "approver", username="approver1")
    token = session_csrf(app, client)
    missing = client.post(f"/decisions/{published}/reopen", data={"csrf_token": token})
    assert missing.status_code == 409 and "必须说明理由" in missing.text
    assert _decision(app, published).state == DecisionState.PUBLISHED.value

    done = client.post(
        f"/decisions/{published}/reopen", data={"csrf_token": token, "reason": "漏标证人姓名"}
    )

    assert done.status_code == 303
    decision = _decision(app, published)
    assert decision.state == DecisionState.IN_REVIEW.value
    with app.state.sessions() as session:
        assert correction_batch_ids(session, [decision.batch_id]) == {decision.batch_id}
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "reopened_for_correction")
        ).one()
        assert (entry.actor, entry.reason) == ("user:approver1", "漏标证人姓名")
    assert _channel_row(pilot).status == "published"  # not taken down: still shown
    page = client.get(f"/decisions/{published}")
    assert "（更正批次）" in page.text and 'id="mark-form"' in page.text
    assert "更正并重新发布</button>" not in page.text  # in review now

    reviewer = new_client()
    login(reviewer, "reviewer")
    marked = reviewer.post(
        f"/decisions/{published}/corrections",
        data={
            "csrf_token": session_csrf(app, reviewer),
            "action": "mark",
            "value": MISSED_NAME,
            "entity_type": "PERSON",
        },
    )
    assert marked.status_code == 303
    approved = client.post(f"/batches/{decision.batch_id}/approve", data={"csrf_token": token})
    assert approved.status_code == 303
    assert _decision(app, published).state == DecisionState.APPROVED.value


def test_take_down_hides_it_on_the_channels_first(app, published, client, login, pilot) -> None:
    login(client, "approver")
    done = client.post(
        f"/decisions/{published}/reopen",
        data={"csrf_token": session_csrf(app, client), "reason": "泄露风险", "take_down": "1"},
    )
    assert done.status_code == 303
    row = _channel_row(pilot)
    assert (row.status, row.notice) == ("hidden", CORRECTION_NOTICE)
    with app.state.sessions() as session:
        publication = session.scalars(select(Publication)).one()
        assert publication.status == "hidden"
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "reopened_for_correction")
        ).one()
        assert entry.details["hidden_on"] == ["pilot"]
    page = client.get(f"/decisions/{published}")
    assert "内网试点（已撤下）" in page.text
