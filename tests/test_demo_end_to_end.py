"""`gongkai demo` end to end (issue 6, "The main job"): synthetic decisions through ingest,
redaction, review batches, the built-in demo approver, publication to the pilot channel and to
the public channel of one agency; run twice (nothing happens twice); then the review app and both
sites served together and answered over HTTP, the printed demo login signing in.

Everything is real: the command runs in-process with real Prefect flow runs on SQLite stores in
a temporary data directory, and the servers listen on free loopback ports.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from gongkai import demo
from gongkai.cli import app

N = 120  # enough for an agency with decisions the public channel may carry
ZHIAN = "治安管理处罚法"
runner = CliRunner()


@dataclass
class DemoRun:
    data_dir: Path
    first: str  # the first run's output
    second: str
    counts_first: dict[str, Any]
    counts_second: dict[str, Any]


def _counts() -> dict[str, Any]:
    """Everything a second run must leave as it is."""
    from gongkai.flows.publish import channel_sessions
    from gongkai.publication.models import ChangeEntry, PublishedDecision
    from gongkai.store import AuditEntry, ChannelOpening, Decision, ReviewBatch
    from gongkai.store.models import User

    out: dict[str, Any] = {}
    with demo._sessions() as sessions, sessions() as session:
        out["states"] = dict(
            session.execute(select(Decision.state, func.count()).group_by(Decision.state)).all()
        )
        out["batches"] = dict(
            session.execute(
                select(ReviewBatch.state, func.count()).group_by(ReviewBatch.state)
            ).all()
        )
        out["users"] = sorted(session.scalars(select(User.username)))
        out["openings"] = session.scalar(select(func.count()).select_from(ChannelOpening))
        out["demo_audit"] = session.scalar(
            select(func.count()).where(AuditEntry.actor == demo.DEMO_APPROVER)
        )
    for channel in ("pilot", "public"):
        with channel_sessions(channel)() as session:
            out[channel] = session.scalar(select(func.count()).select_from(PublishedDecision))
            out[f"{channel}_changes"] = session.scalar(
                select(func.count()).select_from(ChangeEntry)
            )
    return out


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoRun]:
    """`gongkai demo --no-serve` twice on a fresh data directory. The command sets
    GONGKAI_DATA_DIR and Prefect's defaults in the environment: all of it is put back."""
    from gongkai.flows import _common
    from gongkai.flows.publish import dispose_channel_engines

    data_dir = tmp_path_factory.mktemp("demo") / "data"
    saved = dict(os.environ)
    for name in [k for k in os.environ if k.startswith("GONGKAI_")]:
        del os.environ[name]
    args = ["demo", "--data-dir", str(data_dir), "-n", str(N), "--no-serve", "--no-progress"]
    try:
        first = runner.invoke(app, args)
        assert first.exit_code == 0, first.output
        counts_first = _counts()
        second = runner.invoke(app, args)
        assert second.exit_code == 0, second.output
        counts_second = _counts()
        yield DemoRun(data_dir, first.stdout, second.stdout, counts_first, counts_second)
    finally:
        _common.dispose_engines()
        dispose_channel_engines()
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture
def in_demo_dir(demo_run: DemoRun, monkeypatch: pytest.MonkeyPatch) -> DemoRun:
    """The store functions pointed at the demo's data directory for one test."""
    for name in [k for k in os.environ if k.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(demo_run.data_dir))
    return demo_run


def _channel_rows(channel: str) -> list[Any]:
    from gongkai.flows.publish import channel_sessions
    from gongkai.publication.models import PublishedDecision

    with channel_sessions(channel)() as session:
        rows = session.scalars(select(PublishedDecision).order_by(PublishedDecision.id))
        return [(r.public_id, r.agency, r.status, r.law, r.legal_basis) for r in rows]


def test_published_on_the_pilot_channel(in_demo_dir: DemoRun) -> None:
    counts = in_demo_dir.counts_first
    rows = _channel_rows("pilot")
    # Every decision that became published is on the pilot channel (open to every agency).
    assert len(rows) == counts["states"]["published"] > 0
    assert all(status == "published" for _, _, status, *_ in rows)
    # The 治安 sealing rule is in force (from 2026-01-01): sealed decisions were withheld.
    assert dt.date.today() >= dt.date(2026, 1, 1)
    assert not [r for r in rows if ZHIAN in r[4]]
    assert f"写入试点 {len(rows)}" in in_demo_dir.first


def test_public_channel_holds_only_the_demo_agency_and_nothing_sealed(
    in_demo_dir: DemoRun,
) -> None:
    from gongkai.store import channel_openings

    with demo._sessions() as sessions, sessions() as session:
        openings = [(o.channel, o.agency, o.opened_by) for o in channel_openings(session, "public")]
    assert len(openings) == 1
    _, agency, opened_by = openings[0]
    assert opened_by == demo.DEMO_APPROVER
    rows = _channel_rows("public")
    assert rows, "the demo agency has decisions on the public channel"
    assert {r[1] for r in rows} == {agency}
    assert not [r for r in rows if ZHIAN in r[3] or ZHIAN in r[4]]
    # The chosen agency is the one with most decisions the public channel may carry.
    candidates = demo.public_candidates(demo.china_today())
    assert candidates[agency] == max(candidates.values()) == len(rows)
    assert f"互联网渠道：为演示单位「{agency}」开放（本次开放）" in in_demo_dir.first
    assert f"互联网 {len(rows)} 份" in in_demo_dir.first


def test_approvals_are_marked_as_demo_mode_in_the_audit_log(in_demo_dir: DemoRun) -> None:
    from gongkai.store import AuditEntry, ReviewBatch

    with demo._sessions() as sessions, sessions() as session:
        approvals = list(
            session.scalars(select(AuditEntry).where(AuditEntry.to_state == "approved"))
        )
        marks = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == demo.DEMO_APPROVAL_ACTION)
            )
        )
        batches = list(session.scalars(select(ReviewBatch)))
    assert approvals
    assert {a.actor for a in approvals} == {demo.DEMO_APPROVER}
    assert "演示模式" in demo.DEMO_APPROVER
    approved = {str(b.id) for b in batches if b.outcome == "approved"}
    assert {b.decided_by for b in batches if b.outcome == "approved"} == {demo.DEMO_APPROVER}
    assert {m.subject_id for m in marks} == approved and len(marks) == len(approved)
    for mark in marks:
        assert mark.actor == demo.DEMO_APPROVER
        assert mark.reason is not None and mark.reason.startswith("演示模式自动批准")
        assert mark.details is not None and mark.details["demo"] is True
    decided = sum(len(m.details["decisions"]) for m in marks)
    assert decided == len(approvals)
    assert f"批准 {len(approved)} 个批次、{decided} 份决定书" in in_demo_dir.first


def test_a_second_run_changes_nothing(demo_run: DemoRun) -> None:
    assert demo_run.counts_second == demo_run.counts_first
    out = demo_run.second
    assert "导入：文件 0 个" in out
    assert "批准 0 个批次、0 份决定书" in out
    assert "新公开 0 份；写入试点 0，写入互联网 0" in out
    assert "（此前已开放）" in out
    assert out.count("已存在，未改动") == len(demo.DEMO_ACCOUNTS)
    assert demo_run.counts_first["users"] == sorted(a.username for a in demo.DEMO_ACCOUNTS)


def _sign_in(client: httpx.Client, username: str, password: str) -> httpx.Response:
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, form.text
    return client.post(
        "/login",
        data={
            "csrf_token": token.group(1),
            "next": "/",
            "username": username,
            "password": password,
        },
    )


def test_the_three_apps_answer_and_the_printed_login_signs_in(in_demo_dir: DemoRun) -> None:
    printed = re.findall(r"(demo-\w+)\s+密码 (\S+)", in_demo_dir.first)
    assert printed == [(a.username, demo.DEMO_PASSWORD) for a in demo.DEMO_ACCOUNTS]

    servers = demo.DemoServers(demo.build_sites({"review": 0, "pilot": 0, "public": 0}))
    thread = threading.Thread(target=servers.run, name="demo-servers", daemon=True)
    thread.start()
    try:
        assert servers.started.wait(30), "the servers did not start"
        urls = servers.urls
        assert len(set(urls.values())) == 3
        assert all(url.startswith("http://127.0.0.1:") for url in urls.values())

        with httpx.Client(base_url=urls["review"], timeout=10) as client:
            assert client.get("/login").status_code == 200
            signed_in = _sign_in(client, "demo-approver", demo.DEMO_PASSWORD)
            assert signed_in.status_code == 303, signed_in.text
            assert client.get("/batches").status_code == 200
        for channel in ("pilot", "public"):
            page = httpx.get(urls[channel], timeout=10)
            assert page.status_code == 200
            # The search page lists the newest published decisions, linked.
            linked = set(re.findall(r'href="/decisions/([^"/.?]+)"', page.text))
            assert linked and linked <= {row[0] for row in _channel_rows(channel)}
        public = {row[0] for row in _channel_rows("public")}
        assert public <= linked  # a handful: all on the first page
    finally:
        servers.stop()
        thread.join(15)
    assert not thread.is_alive()
    for url in urls.values():  # no socket left listening: each port can be bound again
        demo.bind(int(url.rstrip("/").rsplit(":", 1)[1])).close()


def test_a_port_in_use_is_refused_before_anything_starts(in_demo_dir: DemoRun) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        with pytest.raises(demo.PortInUse, match=str(port)):
            demo.DemoServers(demo.build_sites({"review": 0, "pilot": port, "public": 0}))
    finally:
        taken.close()


def test_the_demo_approver_leaves_what_a_human_must_see(in_demo_dir: DemoRun) -> None:
    """Runs last: it sends a published decision back to review, as the publish flow does after
    a leak report. The demo approver leaves that batch open, and any batch of other data."""
    from gongkai.store import Decision, ReviewBatch, return_to_review

    exports = sorted((in_demo_dir.data_dir / "export").glob("*.jsonl"))
    with demo._sessions() as sessions:
        with sessions.begin() as session:
            decision = session.scalars(
                select(Decision).where(Decision.state == "published").order_by(Decision.id)
            ).first()
            assert decision is not None
            return_to_review(
                session,
                [decision],
                agency="test",
                actor="test:leak-report",
                reason="leak report",
                due_date=None,
            )
            batch_id = decision.batch_id

        not_demo = demo.approve_demo_batches([])  # the store's data is not these (no) files
        seen = demo.approve_demo_batches(exports)

        with sessions() as session:
            batch = session.get(ReviewBatch, batch_id)
            assert batch is not None and batch.state == "open"
            still_open = session.scalar(
                select(func.count()).select_from(ReviewBatch).where(ReviewBatch.state == "open")
            )
    # every open batch is left alone when none of the store's data is the demo's own
    assert not_demo.approved_batches == 0 and not_demo.left["not_demo"] == still_open
    assert seen.approved_batches == 0 and seen.left["seen_before"] == 1
    assert "曾经审核或被退回 1 个" in demo.format_approvals(seen)
