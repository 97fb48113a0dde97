"""The report rendered: CSV parses back to the same numbers, the HTML is well-formed with its
charts valid SVG and no outside resources, Markdown has the same tables; and the
``gongkai report`` command."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import typer
from htmlcheck import by_label, check_html, svg_charts, tables
from reportscenario import AS_OF, DEADLINE, EXPECTED, A, B
from typer.testing import CliRunner

from gongkai.reports import annual_report, read_csv, render_csv, render_html, render_markdown
from gongkai.reports.cli import register
from gongkai.reports.figures import Report
from gongkai.reports.render import figure_rows


@pytest.fixture
def report(sessions, scenario) -> Report:
    with sessions() as session:
        return annual_report(session, year=2026, as_of=AS_OF, deadline_days=DEADLINE)


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_parses_back_to_the_same_numbers(report) -> None:
    parsed = read_csv(render_csv(report))
    assert set(parsed) == {(y, a) for y in (2026, 2025) for a in (None, A, B)}
    for section in report.sections:
        for figures in (section.current, section.previous):
            got = parsed[(figures.year, section.agency)]
            want = {(f, c, i): v for f, c, i, v, _ in figure_rows(figures)}
            assert set(got) == set(want)
            for key, value in want.items():
                if isinstance(value, float):
                    assert got[key] == pytest.approx(value, abs=5e-5), key
                else:
                    assert got[key] == value, key


def test_csv_has_the_hand_counted_figures(report) -> None:
    parsed = read_csv(render_csv(report))
    for (year, agency), expected in EXPECTED.items():
        got = parsed[(year, agency)]
        assert got[("made", "", "")] == expected["made"]
        assert got[("withheld", "", "")] == expected["withheld"]
        assert got[("overdue", "", "")] == expected["overdue"]
        assert got[("withdrawn", "", "")] == expected["withdrawn"]
        assert got[("expired", "", "")] == expected["expired"]
        for reason, n in expected["withheld_by_reason"].items():
            assert got[("withheld_by_reason", "", reason)] == n
        for reason, n in expected["withdrawn_by_reason"].items():
            assert got[("withdrawn_by_reason", "", reason)] == n
        for channel in ("pilot", "public"):
            assert got[("published", channel, "")] == expected["published"][channel]
            assert got[("days_median", channel, "")] == expected["median"][channel]
            assert got[("days_p95", channel, "")] == expected["p95"][channel]
            assert got[("within_deadline", channel, "")] == expected["within"][channel]
            months = [got[("monthly_published", channel, f"{year}-{m:02d}")] for m in range(1, 13)]
            assert tuple(months) == expected["monthly"][channel]
    assert parsed[(2026, None)][("share_within_deadline", "pilot", "")] == 0.8333


def test_csv_quotes_awkward_agency_names() -> None:
    from gongkai.reports import build_report
    from gongkai.reports.facts import DecisionFacts

    name = '某局,"第一"分局'
    facts = [DecisionFacts("X", name, dt.date(2026, 1, 5), "redacted", None, None)]
    report = build_report(facts, year=2026, as_of=dt.date(2026, 3, 1), deadline_days=7)
    parsed = read_csv(render_csv(report))
    assert parsed[(2026, name)][("made", "", "")] == 1
    assert parsed[(2026, name)][("overdue", "", "")] == 1


# --- HTML ----------------------------------------------------------------------------------------


def test_html_is_well_formed_and_self_contained(report) -> None:
    html = render_html(report, organ_name="甲市公安局")
    check_html(html)
    assert '<html lang="zh-CN">' in html and '<meta charset="utf-8">' in html
    assert "<script" not in html.lower()
    # Nothing fetched: the only URL is the SVG namespace.
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    assert not re.search(r"\s(?:src|href)=", html)
    assert "@page" in html and "@media print" in html
    charts = svg_charts(html)
    assert [c.get("id") for c in charts] == ["chart-monthly", "chart-days"]


def test_html_tables_show_the_figures(report) -> None:
    html = render_html(report)
    found = tables(html)
    summary = by_label(found["summary-table"])
    assert summary["作出行政处罚决定"] == ["12", "4", "+8"]
    assert summary["公开（内网试点）"] == ["6", "2", "+4"]
    assert summary["公开（互联网）"] == ["3", "2", "+1"]
    assert summary["不予公开"] == ["6", "1", "+5"]
    assert summary["其中：涉及未成年人"] == ["1", "0", "+1"]
    assert summary["逾期未公开"] == ["1", "0", "+1"]
    assert summary["撤回"] == ["2", "0", "+2"]
    assert summary["其中：决定依法撤销"] == ["1", "0", "+1"]
    assert summary["公示期满撤下"] == ["1", "0", "+1"]
    assert summary["决定至首次公开（互联网）工作日：中位数"] == ["7", "6", "+1"]
    assert summary["决定至首次公开（互联网）工作日：95% 分位"] == ["11", "10", "+1"]
    assert summary["7 个工作日内公开（内网试点）"] == [
        "83.3%（5/6）",
        "100.0%（2/2）",
        "−16.7 个百分点",
    ]
    overview = by_label(found["overview-table"])
    assert overview[A][:3] == ["7", "4", "2"]
    assert overview[B][:3] == ["5", "2", "1"]


def test_html_charts_carry_the_monthly_and_histogram_counts(report) -> None:
    charts = {c.get("id"): c for c in svg_charts(render_html(report))}
    ns = "{http://www.w3.org/2000/svg}"
    monthly = charts["chart-monthly"].find(f"{ns}desc").text
    assert "内网试点：1月 2，2月 1，3月 2，4月 0" in monthly
    assert "互联网：1月 1，2月 0，3月 1" in monthly
    days = charts["chart-days"].find(f"{ns}desc").text
    # pilot days 1, 2, 2, 4, 6, 8; public 6, 7, 11 — bins 0 … 14 and ≥15
    assert "内网试点：0 0，1 1，2 2，3 0，4 1，5 0，6 1，7 0，8 1，9 0" in days
    assert "互联网：0 0，1 0，2 0，3 0，4 0，5 0，6 1，7 1，8 0，9 0，10 0，11 1" in days
    bars = [r for r in charts["chart-days"].iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 5 + 3  # one bar per non-empty bin and channel


def test_one_agency_report_has_no_overview(sessions, scenario) -> None:
    with sessions() as session:
        only = annual_report(session, year=2026, as_of=AS_OF, deadline_days=DEADLINE, agency=A)
    html = render_html(only)
    check_html(html)
    found = tables(html)
    assert "overview-table" not in found
    assert by_label(found["summary-table"])["作出行政处罚决定"] == ["7", "2", "+5"]
    assert f"一、{A}总体情况" in html


def test_provisional_years_are_announced() -> None:
    from gongkai.reports import build_report
    from gongkai.reports.facts import DecisionFacts
    from gongkai.workdays import has_official_calendar

    if has_official_calendar(2027):
        pytest.skip("the installed calendar has 2027")
    facts = [DecisionFacts("X", "某局", dt.date(2026, 12, 28), "redacted", None, None)]
    report = build_report(facts, year=2026, as_of=dt.date(2027, 1, 31), deadline_days=7)
    html = render_html(report)
    check_html(html)
    assert 'id="provisional"' in html and "2027 年的法定节假日" in html
    assert "2027 年的法定节假日" in render_markdown(report)


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_has_the_same_summary(report) -> None:
    md = render_markdown(report, organ_name="甲市公安局")
    assert md.startswith("# 甲市公安局2026年度行政处罚决定公开情况\n")
    assert "| 作出行政处罚决定 | 12 | 4 | +8 |" in md
    assert "| 7 个工作日内公开（互联网） | 66.7%（2/3） | 50.0%（1/2） | +16.7 个百分点 |" in md
    assert f"| {A} | 7 | 4 | 2 | 3 | 1 | 1 | 1 | 5 | 6.5 |" in md
    # Every table row has the same number of cells as its header.
    for block in re.split(r"\n\n+", md):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if rows:
            widths = {r.count(" | ") for r in rows}
            assert len(widths) == 1, block


def test_markdown_escapes_pipes_in_names() -> None:
    from gongkai.reports import build_report
    from gongkai.reports.facts import DecisionFacts

    facts = [DecisionFacts("X", "某局|分局", dt.date(2026, 1, 5), "redacted", None, None)]
    report = build_report(facts, year=2026, as_of=dt.date(2026, 3, 1), deadline_days=7)
    assert "| 某局\\|分局 | 1 |" in render_markdown(report)


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, store_path: Path) -> typer.Typer:
    monkeypatch.setenv("GONGKAI_DATABASE_URL", f"sqlite:///{store_path}")
    monkeypatch.delenv("GONGKAI_PUBLISH_WORKING_DAYS", raising=False)
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:  # a group, so the command is called by name as under ``gongkai``
        pass

    return app


def test_command_writes_each_format(cli, scenario, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("html", "csv", "md"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            cli,
            ["report", "--year", "2026", "--format", fmt, "-o", str(out), "--as-of", "2026-11-25"],
        )
        assert result.exit_code == 0, result.output
        assert out.exists()
    csv_text = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert read_csv(csv_text)[(2026, None)][("made", "", "")] == 12
    assert (tmp_path / "report.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    check_html((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "| 作出行政处罚决定 | 12 | 4 | +8 |" in (tmp_path / "report.md").read_text()


def test_command_to_stdout_for_one_agency(cli, scenario) -> None:
    result = CliRunner().invoke(
        cli, ["report", "--year", "2026", "--agency", B, "--format", "csv", "--as-of", "2026-11-25"]
    )
    assert result.exit_code == 0, result.output
    parsed = read_csv(result.stdout)
    assert set(parsed) == {(2026, B), (2025, B)}
    assert parsed[(2026, B)][("withheld", "", "")] == 3


def test_command_deadline_setting(cli, scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_PUBLISH_WORKING_DAYS", "10")
    result = CliRunner().invoke(
        cli, ["report", "--year", "2026", "--format", "csv", "--as-of", "2026-11-25"]
    )
    assert result.exit_code == 0, result.output
    assert read_csv(result.stdout)[(2026, None)][("within_deadline", "pilot", "")] == 6


def test_command_refuses_bad_input(cli, scenario) -> None:
    runner = CliRunner()
    unknown = runner.invoke(cli, ["report", "--year", "2026", "--agency", "没有这个局"])
    assert unknown.exit_code == 1 and "没有单位" in unknown.output
    assert runner.invoke(cli, ["report", "--year", "2026", "--format", "pdf"]).exit_code == 2
    assert runner.invoke(cli, ["report", "--year", "2026", "--as-of", "tomorrow"]).exit_code == 2


def test_command_on_an_old_schema_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GONGKAI_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:
        pass

    result = CliRunner().invoke(app, ["report", "--year", "2026"])
    assert result.exit_code == 2 and "gongkai db upgrade" in result.output
