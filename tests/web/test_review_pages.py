"""The review pages with real decisions: highlighting, corrections on every occurrence, doubts,
four-eyes approval, rejection, withheld decisions, and the audit of originals viewed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from reviewdata import BASE_TEXT, DOUBTFUL_NAME, MISSED_NAME, record, seed
from sqlalchemy import select
from webtools import session_csrf

from gongkai.store import AuditEntry, Decision, ReviewBatch


def _decision_id(app, source_id: str) -> int:
    with app.state.sessions() as session:
        return session.scalars(select(Decision.id).where(Decision.source_id == source_id)).one()


def _batch(app, batch_id: int) -> ReviewBatch:
    with app.state.sessions() as session:
        batch = session.get(ReviewBatch, batch_id)
        assert batch is not None
        return batch


def _redacted_text(html: str) -> str:
    found = re.search(r'<pre class="text redacted" id="redacted-text">(.*?)</pre>', html, re.S)
    assert found, "no redacted text on the page"
    return re.sub(r"<[^>]+>", "", found.group(1))


@pytest.fixture
def batch_id(app) -> int:
    rows = [
        record("0001", BASE_TEXT.format(name=MISSED_NAME)),
        record("0002", BASE_TEXT.format(name="王五")),
    ]
    batch = seed(app.state.sessions, rows, due=dt.date(2026, 3, 18))
    assert batch is not None
    return batch


def test_the_redactor_really_misses_the_test_name(app, batch_id, client, login) -> None:
    login(client, "reviewer")
    page = client.get(f"/decisions/{_decision_id(app, '0001')}")
    assert page.status_code == 200
    assert _redacted_text(page.text).count(MISSED_NAME) == 3


def test_queue_lists_the_batch_with_its_size(app, batch_id, client, login) -> None:
    login(client, "reviewer")
    page = client.get("/batches")
    assert page.status_code == 200
    assert f'href="/batches/{batch_id}"' in page.text
    assert "某市公安局某分局" in page.text
    assert "已超期" in page.text  # due 2026-03-18, long past


def test_batch_page_highlights_replacements_by_type_and_shows_the_original(
    app, batch_id, client, login
) -> None:
    login(client, "reviewer")
    page = client.get(f"/batches/{batch_id}")
    assert page.status_code == 200
    assert 'class="t-PERSON"' in page.text and 'class="t-CN_RESIDENT_ID"' in page.text
    assert "李某" in page.text and "李建国" in page.text  # pseudonym and original side by side
    assert "【身份证号】" in page.text
    assert page.headers["cache-control"].startswith("no-store")
    with app.state.sessions() as session:
        viewed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "original_viewed")
        ).all()
    assert [(e.actor, e.subject_type) for e in viewed] == [("user:reviewer", "review_batch")]


def test_marking_a_missed_name_replaces_every_occurrence(app, batch_id, client, login) -> None:
    login(client, "reviewer")
    decision = _decision_id(app, "0001")
    token = session_csrf(app, client)
    response = client.post(
        f"/decisions/{decision}/corrections",
        data={"csrf_token": token, "action": "mark", "value": MISSED_NAME, "entity_type": "PERSON"},
    )
    assert response.status_code == 303
    page = client.get(f"/decisions/{decision}")
    text = _redacted_text(page.text)
    assert MISSED_NAME not in text
    assert text.count("小某") == 3
    assert "李某" in text  # the party keeps his pseudonym
    assert _batch(app, batch_id).last_edited_by == "user:reviewer"


def test_a_batch_wide_mark_reaches_the_other_decisions(app, batch_id, client, login) -> None:
    login(client, "reviewer")
    token = session_csrf(app, client)
    client.post(
        f"/decisions/{_decision_id(app, '0002')}/corrections",
        data={
            "csrf_token": token,
            "action": "mark",
            "value": "某路饭店",
            "entity_type": "ADDRESS",
            "scope": "batch",
        },
    )
    for source_id in ("0001", "0002"):
        text = _redacted_text(client.get(f"/decisions/{_decision_id(app, source_id)}").text)
        assert "某路饭店" not in text and "【详细地址】" in text


def test_unmark_then_undo(app, batch_id, client, login) -> None:
    login(client, "reviewer")
    decision = _decision_id(app, "0002")
    token = session_csrf(app, client)
    client.post(
        f"/decisions/{decision}/corrections",
        data={"csrf_token": token, "action": "unmark", "value": "王五", "entity_type": "PERSON"},
    )
    page = client.get(f"/decisions/{decision}")
    assert _redacted_text(page.text).count("王五") == 3
    correction = re.search(r"/corrections/(\d+)/undo", page.text)
    assert correction
    client.post(
        f"/decisions/{decision}/corrections/{correction.group(1)}/undo", data={"csrf_token": token}
    )
    assert "王五" not in _redacted_text(client.get(f"/decisions/{decision}").text)


def test_unmarking_the_partys_name_trips_the_leak_guard_and_blocks_approval(
    app, batch_id, client, new_client, login
) -> None:
    login(client, "reviewer")
    decision = _decision_id(app, "0001")
    client.post(
        f"/decisions/{decision}/corrections",
        data={
            "csrf_token": session_csrf(app, client),
            "action": "unmark",
            "value": "李建国",
            "entity_type": "PERSON",
        },
    )
    assert "泄露检查未通过" in client.get(f"/decisions/{decision}").text
    approver = new_client()
    login(approver, "approver")
    response = approver.post(
        f"/batches/{batch_id}/approve", data={"csrf_token": session_csrf(app, approver)}
    )
    assert response.status_code == 409
    assert "泄露检查" in response.text
    assert _batch(app, batch_id).state == "open"


def test_four_eyes_and_approval(app, batch_id, client, new_client, login) -> None:
    login(client, "approver", username="approver1")
    decision = _decision_id(app, "0001")
    token = session_csrf(app, client)
    client.post(
        f"/decisions/{decision}/corrections",
        data={"csrf_token": token, "action": "mark", "value": MISSED_NAME, "entity_type": "PERSON"},
    )
    refused = client.post(f"/batches/{batch_id}/approve", data={"csrf_token": token})
    assert refused.status_code == 409 and "四眼" in refused.text
    other = new_client()
    login(other, "approver", username="approver2")
    done = other.post(f"/batches/{batch_id}/approve", data={"csrf_token": session_csrf(app, other)})
    assert done.status_code == 303
    batch = _batch(app, batch_id)
    assert (batch.state, batch.outcome, batch.decided_by) == (
        "closed",
        "approved",
        "user:approver2",
    )
    page = other.get(f"/batches/{batch_id}")
    assert '<span id="batch-state">已批准</span>' in page.text


def test_a_reviewer_cannot_approve(app, batch_id, client, login) -> None:
    login(client, "reviewer")
    response = client.post(
        f"/batches/{batch_id}/approve", data={"csrf_token": session_csrf(app, client)}
    )
    assert response.status_code == 403
    assert _batch(app, batch_id).state == "open"


def test_doubts_must_be_resolved_before_approval(app, client, new_client, login) -> None:
    batch_id = seed(app.state.sessions, [record("0009", BASE_TEXT.format(name=DOUBTFUL_NAME))])
    assert batch_id is not None
    login(client, "reviewer")
    decision = _decision_id(app, "0009")
    page = client.get(f"/batches/{batch_id}")
    assert "需逐份阅读" in page.text
    approver = new_client()
    login(approver, "approver")
    atoken = session_csrf(app, approver)
    refused = approver.post(f"/batches/{batch_id}/approve", data={"csrf_token": atoken})
    assert refused.status_code == 409 and "疑点" in refused.text
    token = session_csrf(app, client)
    page = client.get(f"/decisions/{decision}")
    indexes = sorted(set(re.findall(rf"/decisions/{decision}/doubts/(\d+)", page.text)))
    assert indexes
    for index in indexes:
        r = client.post(
            f"/decisions/{decision}/doubts/{index}",
            data={"csrf_token": token, "note": "外文人名，已标注"},
        )
        assert r.status_code == 303
    assert (
        approver.post(f"/batches/{batch_id}/approve", data={"csrf_token": atoken}).status_code
        == 303
    )


def test_reject_needs_a_reason_and_returns_the_decisions(app, batch_id, client, login) -> None:
    login(client, "approver")
    token = session_csrf(app, client)
    refused = client.post(f"/batches/{batch_id}/reject", data={"csrf_token": token, "reason": ""})
    assert refused.status_code == 409
    done = client.post(
        f"/batches/{batch_id}/reject", data={"csrf_token": token, "reason": "漏标人名"}
    )
    assert done.status_code == 303
    page = client.get("/withheld")
    assert "被退回的决定书" in page.text and "0001" in page.text


def test_withheld_decision_release_needs_a_reason(app, client, login) -> None:
    minor = record(
        "0100",
        BASE_TEXT.format(name="王五").replace("1980年1月2日", "2012年1月2日"),
        party_birth_date="2012-01-02",
        party_id_number="110101201201020011",
    )
    minor["full_text"] = minor["full_text"].replace("110101198001020017", "110101201201020011")
    assert seed(app.state.sessions, [minor]) is None  # withheld: nothing to batch
    login(client, "approver")
    page = client.get("/withheld")
    assert "minor" in page.text
    decision = _decision_id(app, "0100")
    token = session_csrf(app, client)
    r = client.post(
        f"/decisions/{decision}/withheld/release", data={"csrf_token": token, "reason": ""}
    )
    assert r.status_code == 409
    r = client.post(
        f"/decisions/{decision}/withheld/release",
        data={"csrf_token": token, "reason": "核实年龄有误"},
    )
    assert r.status_code == 303
    with app.state.sessions() as session:
        assert session.get(Decision, decision).state == "redacted"


def test_decision_text_is_escaped(app, client, login) -> None:
    text = BASE_TEXT.format(name="王五").replace("殴打他人", "殴打他人<script>alert(1)</script>")
    seed(app.state.sessions, [record("0200", text)])
    login(client, "reviewer")
    page = client.get(f"/decisions/{_decision_id(app, '0200')}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
