"""The dashboard and the HTML report in a real browser (Chromium): the hand-counted scenario's
numbers on the page, no Content-Security-Policy complaint about the inline SVG charts, and the
report opened from a file, printed to PDF. Screenshots (and the PDF) go to test-artifacts/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from webtools import PASSWORD, ensure_user

REPORT_TESTS = str(Path(__file__).resolve().parents[2] / "reports")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"  # as the browser fixtures
if REPORT_TESTS not in sys.path:
    sys.path.insert(0, REPORT_TESTS)

import reportscenario  # noqa: E402
from reportscenario import AS_OF, DEADLINE, NOW  # noqa: E402

from gongkai.reports import annual_report, render_html  # noqa: E402
from gongkai.web.review.views import dashboard as dashboard_view  # noqa: E402


@pytest.fixture
def scenario(live_server, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    clock = reportscenario.Clock().install(monkeypatch)
    ids = reportscenario.build(live_server.app.state.sessions, clock)
    monkeypatch.setattr(dashboard_view, "_now", lambda: NOW)
    monkeypatch.delenv("GONGKAI_PUBLISH_WORKING_DAYS", raising=False)
    return ids


def test_dashboard_in_the_browser(live_server, scenario, page, shot, console_errors) -> None:
    ensure_user(live_server.app, "approver", "li", "李审批")
    page.goto(live_server.url + "/login")
    page.fill("#username", "li")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(live_server.url + "/batches")

    page.get_by_role("link", name="运行情况").click()
    expect(page).to_have_url(live_server.url + "/dashboard")
    expect(page.locator("h1")).to_have_text("运行情况")
    expect(page.locator('[data-count="open-batches"]')).to_have_text("2")
    expect(page.locator('[data-count="overdue"]')).to_have_text("1")
    expect(page.locator('#overdue-table tr[data-source-id="A5"] td[data-late]')).to_have_text("10")
    expect(page.locator('#withdrawals-table tr[data-source-id="B4"]')).to_contain_text(
        "2 天 6 小时"
    )
    expect(page.locator("#leaks-table tbody tr")).to_have_count(2)
    expect(page.locator('#corrections-table tr[data-entity-type="PERSON"]')).to_contain_text("2")
    expect(page.locator("#year-table")).to_contain_text("作出行政处罚决定")
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(2)
    assert charts.first.bounding_box()["width"] > 300  # drawn, not blocked
    shot("dashboard")

    page.click('#overdue-table a:text("A5")')  # approvers can open the decision
    expect(page).to_have_url(live_server.url + f"/decisions/{scenario['A5']}")
    assert console_errors == []  # no CSP violation, no script error


def test_html_report_in_the_browser(live_server, scenario, page, shot, console_errors) -> None:
    with live_server.app.state.sessions() as session:
        report = annual_report(session, year=2026, as_of=AS_OF, deadline_days=DEADLINE)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "annual-report-2026.html"
    path.write_text(render_html(report, organ_name="甲市公安局"), encoding="utf-8")

    page.goto(path.as_uri())
    expect(page.locator("h1")).to_have_text("甲市公安局2026年度行政处罚决定公开情况")
    expect(page.locator("#summary-table tbody tr").first).to_contain_text("12")
    expect(page.locator("#overview-table tbody tr")).to_have_count(2)
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(2)
    for i in range(2):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
    shot("report")

    pdf = ARTIFACTS / "annual-report-2026.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    assert console_errors == []
