"""The dashboard page (``/dashboard``): who may see it, that it shows the hand-counted
scenario's numbers (``tests/reports/reportscenario.py``), and that the page is well-formed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPORT_TESTS = str(Path(__file__).resolve().parents[1] / "reports")
if REPORT_TESTS not in sys.path:
    sys.path.insert(0, REPORT_TESTS)

import reportscenario  # noqa: E402
from htmlcheck import by_label, check_html, svg_charts, tables  # noqa: E402
from reportscenario import DASHBOARD, NOW, A  # noqa: E402

from gongkai.web.review.views import dashboard as dashboard_view  # noqa: E402


@pytest.fixture
def scenario(app, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    clock = reportscenario.Clock().install(monkeypatch)
    ids = reportscenario.build(app.state.sessions, clock)
    monkeypatch.setattr(dashboard_view, "_now", lambda: NOW)
    monkeypatch.delenv("GONGKAI_PUBLISH_WORKING_DAYS", raising=False)
    return ids


def _counts(html: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'data-count="([^"]+)">([^<]*)<', html))


@pytest.mark.parametrize("role", ["approver", "admin"])
def test_dashboard_shows_the_scenario(app, client, login, scenario, role) -> None:
    login(client, role)
    response = client.get("/dashboard")
    assert response.status_code == 200
    html = response.text
    check_html(html)
    counts = _counts(html)
    assert counts["open-batches"] == str(DASHBOARD["open_batches"])
    assert counts["in-review"] == str(DASHBOARD["in_review"])
    assert counts["redacted"] == "1"
    assert counts["overdue"] == "1"
    assert counts["withdrawals"] == "1"
    assert counts["leak-blocks"] == "2"

    found = tables(html)
    overdue = found["overdue-table"][1]
    assert overdue[:5] == ["A5", A, "2026-11-02", "2026-11-11", "10"]
    withdrawal = found["withdrawals-table"][1]
    assert withdrawal[0] == "B4" and withdrawal[2] == "决定依法变更"
    assert withdrawal[3:6] == ["2026-11-24 16:00", "2026-11-27 16:00", "2 天 6 小时"]
    assert withdrawal[6] == "内网试点"
    leaks = {row[0]: row[2] for row in found["leaks-table"][1:]}
    assert leaks == {"A7": "脱敏复查（不予公开）", "B7": "发布前复查（退回审核）"}
    details = {row[0]: row[4] for row in found["leaks-table"][1:]}
    assert details["B7"] == "发布前复查发现：电话号码"
    assert details["A7"].startswith("脱敏后复查仍发现个人信息（电话号码）")
    corrections = [row[:3] for row in found["corrections-table"][1:]]
    assert corrections == [["姓名", "2", "0"], ["账号", "1", "0"], ["详细地址", "0", "1"]]

    year = by_label(found["year-table"])
    assert year["作出行政处罚决定"] == ["12", "4", "+8"]
    assert year["公开（内网试点）"] == ["6", "2", "+4"]
    assert year["公开（互联网）"] == ["3", "2", "+1"]
    assert year["不予公开"] == ["6", "1", "+5"]
    assert year["逾期未公开"] == ["1", "0", "+1"]
    assert year["撤回"] == ["2", "0", "+2"]
    assert year["公示期满撤下"] == ["1", "0", "+1"]
    assert [c.get("id") for c in svg_charts(html)] == ["dashboard-monthly", "dashboard-days"]
    assert "<script" not in html and "style=" not in html  # the CSP allows neither


def test_approvers_get_links_to_decisions_and_admins_do_not(app, client, login, scenario):
    login(client, "approver")
    approver_page = client.get("/dashboard").text
    assert f'href="/decisions/{scenario["A5"]}"' in approver_page
    assert 'href="/batches/' in approver_page
    client.cookies.clear()
    login(client, "admin")
    admin_page = client.get("/dashboard").text
    assert "/decisions/" not in admin_page and 'href="/batches/' not in admin_page


def test_dashboard_in_the_top_bar_of_admins_and_approvers_only(app, client, login) -> None:
    for role, shown in (("admin", True), ("approver", True), ("reviewer", False)):
        client.cookies.clear()
        login(client, role)
        page = client.get("/batches" if role != "admin" else "/admin/audit").text
        assert ('href="/dashboard"' in page) is shown, role


def test_reviewers_are_refused(app, client, login) -> None:
    login(client, "reviewer")
    response = client.get("/dashboard")
    assert response.status_code == 403 and 'data-refused="role"' in response.text


def test_an_empty_store_shows_empty_tables(app, client, login) -> None:
    login(client, "admin")
    html = client.get("/dashboard").text
    check_html(html)
    assert _counts(html)["overdue"] == "0"
    assert "没有逾期未公开的决定书。" in html and "近 30 日没有人工更正。" in html
