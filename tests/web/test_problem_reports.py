"""The problem reports page (``/problem-reports``): readers' reports collected into the store
are listed with their decision and whether it is hidden; approvers settle them with a note,
audited; reviewers may read but not settle; the reader's text is escaped."""

from __future__ import annotations

import datetime as dt

import pytest
from reviewdata import BASE_TEXT, record, seed
from sqlalchemy import select
from webtools import direct_session, ensure_user, make_client, session_csrf

from gongkai.store import AuditEntry, ChannelStatus, Decision, DecisionState, ReviewBatch
from gongkai.store.models import ProblemReportRecord, utcnow
from gongkai.store.publication import (
    finish_publication,
    record_problem_report,
    record_published,
    record_taken_down,
    return_to_review,
)
from gongkai.store.review import approve_batch
from gongkai.web.review.views import reports as reports_view

FLOW = "flow:test-publish"
HIDDEN_NOTICE = "本决定书正在复核，暂不公开。"
TODAY = dt.date(2026, 4, 1)
AGENCY = "某市公安局某分局"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reports_view, "_today", lambda: TODAY)


@pytest.fixture
def published(app) -> dict[str, int]:
    """Two decisions reviewed, approved and published on both channels (as the publish flow
    records it): source id -> decision id."""
    rows = [
        record("0001", BASE_TEXT.format(name="王五")),
        record("0002", BASE_TEXT.format(name="赵六")),
    ]
    batch_id = seed(app.state.sessions, rows, due=dt.date(2026, 3, 18))
    assert batch_id is not None
    now = utcnow()
    with app.state.sessions.begin() as session:
        batch = session.get(ReviewBatch, batch_id)
        assert batch is not None
        decisions = approve_batch(session, batch, actor="user:someone-else")
        for decision in decisions:
            for channel in ("pilot", "public"):
                record_published(
                    session,
                    decision,
                    channel=channel,
                    public_id=f"P{decision.source_id}",
                    content_hash="0" * 64,
                    revision=1,
                    at=now,
                    actor=FLOW,
                )
            assert finish_publication(session, decision, actor=FLOW)
        return {d.source_id: d.id for d in decisions}


def report(
    app, *, kind: str, public_id: str, message: str, channel: str = "public", number: int = 1
) -> int:
    """A reader's report collected into the store, as the collect-reports flow does it: a leak
    report hides the decision on every channel and sends it back to review."""
    with app.state.sessions.begin() as session:
        found = record_problem_report(
            session,
            channel=channel,
            channel_report_id=number,
            public_id=public_id,
            kind=kind,
            message=message,
            reported_at=utcnow(),
            actor=FLOW,
        )
        assert found is not None
        decision = session.get(Decision, found.decision_id) if found.decision_id else None
        if kind == "leak" and decision is not None:
            for name in ("pilot", "public"):
                record_taken_down(
                    session,
                    decision,
                    channel=name,
                    status=ChannelStatus.HIDDEN,
                    reason=HIDDEN_NOTICE,
                    at=utcnow(),
                    actor=FLOW,
                )
            moved = return_to_review(
                session,
                [decision],
                agency=AGENCY,
                actor=FLOW,
                reason=f"reader reported leaked data ({channel} report {number})",
                due_date=TODAY,
            )
            assert moved == [decision]
        return found.id


def _report(app, report_id: int) -> ProblemReportRecord:
    with app.state.sessions() as session:
        found = session.get(ProblemReportRecord, report_id)
        assert found is not None
        return found


def _decision(app, decision_id: int) -> Decision:
    with app.state.sessions() as session:
        found = session.get(Decision, decision_id)
        assert found is not None
        return found


def _handled_audit(app) -> list[AuditEntry]:
    with app.state.sessions() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.action == "problem_report_handled"))
        )


def _row(html: str, report_id: int) -> str:
    start = html.index(f'id="report-{report_id}"')
    return html[start : html.index("</tr>", start)]


def test_a_leak_report_is_listed_with_its_hidden_decision(app, published, client, login) -> None:
    report_id = report(app, kind="leak", public_id="P0001", message="第三段写出了我的电话")
    login(client, "reviewer")
    page = client.get("/problem-reports")
    assert page.status_code == 200
    row = _row(page.text, report_id)
    assert "泄露个人信息" in row and "互联网" in row
    assert f'href="/decisions/{published["0001"]}"' in row
    assert "某公（治）行罚决字〔2026〕0001号" in row  # the document number
    assert "第三段写出了我的电话" in row
    assert 'data-hidden="yes"' in row and "已隐藏" in row and "内网试点、互联网" in row
    # Sent back to review when collected: the page links its new batch.
    batch_id = _decision(app, published["0001"]).batch_id
    assert f'href="/batches/{batch_id}"' in row
    assert 'data-count="open-reports">1<' in page.text
    assert 'data-count="nav-problem_reports">1<' in page.text
    # A reviewer reads, but the form is for approvers.
    assert f'action="/problem-reports/{report_id}/handle"' not in page.text
    assert "待审批人员处理" in row


def test_an_error_report_is_listed_as_not_hidden(app, published, client, login) -> None:
    report_id = report(app, kind="error", public_id="P0002", message="罚款金额写错了")
    login(client, "approver")
    row = _row(client.get("/problem-reports").text, report_id)
    assert "内容有误" in row and 'data-hidden="no"' in row and "公开中" in row
    assert f'action="/problem-reports/{report_id}/handle"' in row


def test_readers_text_is_escaped(app, published, client, login) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    report(app, kind="error", public_id="P0002", message=evil)
    login(client, "reviewer")
    html = client.get("/problem-reports").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    # The confirmation after handling echoes only a report key, never arbitrary text.
    echoed = client.get("/problem-reports", params={"done": "请致电 12345 领取补偿"}).text
    assert "请致电" not in echoed and "已处理。" not in echoed


def test_approver_settles_a_leak_report_with_a_note(app, published, client, login) -> None:
    report_id = report(app, kind="leak", public_id="P0001", message="电话号码未遮盖")
    decision_before = _decision(app, published["0001"])
    assert decision_before.state == DecisionState.IN_REVIEW.value
    staff = login(client, "approver")
    response = client.post(
        f"/problem-reports/{report_id}/handle",
        data={
            "csrf_token": session_csrf(app, client),
            "outcome": "rereview",
            "note": "复核中已更正",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/problem-reports?done=public:1"
    handled = _report(app, report_id)
    assert handled.handled_by == staff.actor and handled.handled_at is not None
    assert handled.handling_note == "复核中已更正"
    # Already with staff: no second batch.
    after = _decision(app, published["0001"])
    assert (after.state, after.batch_id) == (
        DecisionState.IN_REVIEW.value,
        decision_before.batch_id,
    )
    [entry] = _handled_audit(app)
    assert (entry.actor, entry.subject_type, entry.subject_id) == (
        staff.actor,
        "problem_report",
        "public:1",
    )
    assert entry.reason == "复核中已更正"
    assert entry.details["outcome"] == "rereview" and entry.details["kind"] == "leak"
    assert entry.details["source_id"] == "0001"
    page = client.get(response.headers["location"])
    assert "报告 public:1 已处理" in page.text
    assert f'id="report-{report_id}"' not in page.text  # no longer open
    assert "复核中已更正" in page.text  # among the reports handled last
    assert 'data-count="open-reports">0<' in page.text


def test_rereview_of_an_error_report_sends_a_published_decision_back(
    app, published, client, login
) -> None:
    report_id = report(app, kind="error", public_id="P0002", message="违法行为人姓名有误")
    login(client, "approver")
    response = client.post(
        f"/problem-reports/{report_id}/handle",
        data={"csrf_token": session_csrf(app, client), "outcome": "rereview", "note": "需核对姓名"},
    )
    assert response.status_code == 303
    decision = _decision(app, published["0002"])
    assert decision.state == DecisionState.IN_REVIEW.value
    with app.state.sessions() as session:
        batch = session.get(ReviewBatch, decision.batch_id)
        assert batch is not None and batch.state == "open" and batch.due_date == TODAY
        returned = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "returned_to_review")
        ).one()
    assert returned.reason == "需核对姓名" and returned.details["report"] == "public:1"
    [entry] = _handled_audit(app)
    assert entry.details["returned_to_review"] is True


def test_no_problem_closes_the_report_and_leaves_the_decision(
    app, published, client, login
) -> None:
    report_id = report(app, kind="error", public_id="P0002", message="看不懂")
    login(client, "approver")
    response = client.post(
        f"/problem-reports/{report_id}/handle",
        data={"csrf_token": session_csrf(app, client), "outcome": "no_problem", "note": "内容无误"},
    )
    assert response.status_code == 303
    assert _report(app, report_id).handled_at is not None
    assert _decision(app, published["0002"]).state == DecisionState.PUBLISHED.value
    [entry] = _handled_audit(app)
    assert entry.details["outcome"] == "no_problem" and entry.details["returned_to_review"] is False


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "rereview", "note": "   "}, "请填写处理说明"),
        ({"outcome": "delete", "note": "x"}, "未知的处理结果"),
    ],
)
def test_a_bad_form_changes_nothing(app, published, client, login, data, message) -> None:
    report_id = report(app, kind="leak", public_id="P0001", message="泄露")
    login(client, "approver")
    response = client.post(
        f"/problem-reports/{report_id}/handle",
        data={"csrf_token": session_csrf(app, client), **data},
    )
    assert response.status_code == 422
    assert message in response.text
    assert _report(app, report_id).handled_at is None
    assert _handled_audit(app) == []


def test_a_report_is_handled_once(app, published, client, login) -> None:
    report_id = report(app, kind="error", public_id="P0002", message="错了")
    login(client, "approver")
    form = {"csrf_token": session_csrf(app, client), "outcome": "no_problem", "note": "无误"}
    assert client.post(f"/problem-reports/{report_id}/handle", data=form).status_code == 303
    again = client.post(f"/problem-reports/{report_id}/handle", data=form)
    assert again.status_code == 409 and "该报告已由 user:approver 处理" in again.text
    assert len(_handled_audit(app)) == 1


def test_a_report_without_a_decision_can_only_be_closed(app, published, client, login) -> None:
    report_id = report(app, kind="leak", public_id="GONE", message="泄露")
    login(client, "approver")
    page = client.get("/problem-reports")
    assert "未找到对应决定书" in _row(page.text, report_id)
    csrf = session_csrf(app, client)
    refused = client.post(
        f"/problem-reports/{report_id}/handle",
        data={"csrf_token": csrf, "outcome": "rereview", "note": "查"},
    )
    assert refused.status_code == 422 and "未对应到任何决定书" in refused.text
    closed = client.post(
        f"/problem-reports/{report_id}/handle",
        data={"csrf_token": csrf, "outcome": "no_problem", "note": "公开编号不存在"},
    )
    assert closed.status_code == 303


def test_handling_without_csrf_is_refused(app, published, client, login) -> None:
    report_id = report(app, kind="leak", public_id="P0001", message="泄露")
    login(client, "approver")
    response = client.post(
        f"/problem-reports/{report_id}/handle", data={"outcome": "no_problem", "note": "无"}
    )
    assert response.status_code == 403 and 'data-refused="csrf"' in response.text
    forged = client.post(
        f"/problem-reports/{report_id}/handle",
        data={"csrf_token": "forged", "outcome": "no_problem", "note": "无"},
    )
    assert forged.status_code == 403 and 'data-refused="csrf"' in forged.text
    assert _report(app, report_id).handled_at is None
    assert _handled_audit(app) == []


def test_a_reviewer_may_not_handle_a_report(app, published) -> None:
    report_id = report(app, kind="leak", public_id="P0001", message="泄露")
    client = make_client(app)
    csrf = direct_session(app, client, ensure_user(app, "reviewer"))
    response = client.post(
        f"/problem-reports/{report_id}/handle",
        data={"csrf_token": csrf, "outcome": "no_problem", "note": "无"},
    )
    assert response.status_code == 403 and 'data-refused="role"' in response.text
    assert _report(app, report_id).handled_at is None


def test_admins_do_not_see_reports(app, published) -> None:
    report(app, kind="error", public_id="P0002", message="错了")
    client = make_client(app)
    direct_session(app, client, ensure_user(app, "admin"))
    response = client.get("/problem-reports")
    assert response.status_code == 403 and 'data-refused="role"' in response.text
    assert "纠错报告" not in client.get("/admin/users").text  # nor the link
