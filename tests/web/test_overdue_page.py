"""The overdue page (``/overdue``): decisions not published N working days after their
decision date, most overdue first, with links, filterable by agency; staff only."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from reviewdata import BASE_TEXT, record, seed
from sqlalchemy import select
from webtools import direct_session, ensure_user, make_client

from gongkai.store import Decision
from gongkai.web.review.views import overdue as overdue_view

REPORT_TESTS = str(Path(__file__).resolve().parents[1] / "reports")
if REPORT_TESTS not in sys.path:
    sys.path.insert(0, REPORT_TESTS)

from htmlcheck import check_html, tables  # noqa: E402

TODAY = dt.date(2026, 4, 1)  # a Wednesday
OTHER = "某市公安局另一分局"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overdue_view, "_today", lambda: TODAY)
    monkeypatch.delenv("GONGKAI_PUBLISH_WORKING_DAYS", raising=False)


@pytest.fixture
def decisions(app) -> dict[str, int]:
    """In review: 0001 decided 2026-03-09 (due 03-18), 0002 decided 03-16 (due 03-25, of
    another agency), 0003 decided 03-30 (due 04-08: not yet overdue)."""
    text = BASE_TEXT.format(name="王五")
    rows = [
        record("0001", text, decision_date="2026-03-09"),
        record("0002", text, decision_date="2026-03-16", agency=OTHER),
        record("0003", text, decision_date="2026-03-30"),
    ]
    assert seed(app.state.sessions, rows, due=dt.date(2026, 4, 10)) is not None
    with app.state.sessions() as session:
        return {d.source_id: d.id for d in session.scalars(select(Decision))}


def _rows(html: str) -> list[list[str]]:
    return tables(html)["overdue-table"][1:]


def _source_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-source-id="([^"]+)">', html)


def test_lists_decisions_past_their_due_date_most_overdue_first(
    app, decisions, client, login
) -> None:
    login(client, "reviewer")
    page = client.get("/overdue")
    assert page.status_code == 200
    check_html(page.text)
    rows = _rows(page.text)
    assert _source_ids(page.text) == ["0001", "0002"]
    assert rows[0][0].startswith("某公（治）行罚决字〔2026〕0001号")  # the document number
    first, second = rows
    assert first[1:7] == ["某市公安局某分局", "2026-03-09", "2026-03-18", "10", "审核中", "第 1 批"]
    assert second[1:5] == [OTHER, "2026-03-16", "2026-03-25", "5"]
    assert "0003" not in page.text  # due 2026-04-08, not yet overdue
    assert f'href="/decisions/{decisions["0001"]}"' in page.text
    assert 'href="/batches/1"' in page.text
    assert 'data-count="overdue">2<' in page.text
    assert "7 个工作日" in page.text


def test_filters_by_agency_in_the_query_string(app, decisions, client, login) -> None:
    login(client, "approver")
    page = client.get("/overdue", params={"agency": OTHER})
    assert page.status_code == 200
    assert _source_ids(page.text) == ["0002"]
    assert re.search(rf'<option value="{OTHER}"\s+selected>', page.text)
    assert 'data-count="overdue">1<' in page.text
    nobody = client.get("/overdue", params={"agency": "没有这个单位"})
    assert _rows(nobody.text) == [["没有逾期未公开的决定书。"]]


def test_the_working_days_setting_applies(app, decisions, client, login, monkeypatch) -> None:
    monkeypatch.setenv("GONGKAI_PUBLISH_WORKING_DAYS", "9")  # 0001 due 03-20, 0002 due 03-27
    login(client, "reviewer")
    rows = _rows(client.get("/overdue").text)
    assert [(r[3], r[4]) for r in rows] == [("2026-03-20", "8"), ("2026-03-27", "3")]
    monkeypatch.setenv("GONGKAI_PUBLISH_WORKING_DAYS", "many")
    page = client.get("/overdue")
    assert page.status_code == 200 and "公开期限设置无效" in page.text
    assert len(_rows(page.text)) == 2  # counted with the default, 7


def test_nav_links_the_page_for_staff(app, decisions, client, login) -> None:
    login(client, "reviewer")
    page = client.get("/batches")
    assert '<a href="/overdue">逾期未公开</a>' in page.text
    assert '<a href="/overdue" aria-current="page">' in client.get("/overdue").text


def test_admins_may_not_open_it(app) -> None:
    client = make_client(app)
    direct_session(app, client, ensure_user(app, "admin"))
    response = client.get("/overdue")
    assert response.status_code == 403 and 'data-refused="role"' in response.text
