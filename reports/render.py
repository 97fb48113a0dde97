"""The report as HTML or Markdown (Jinja2 templates under ``templates/report/``) or CSV (the
``csv`` module: one row per figure, which :func:`read_csv` parses back).

The HTML is one self-contained page: its style sheet inline, the charts inline SVG (see
:mod:`gongkai.reports.charts`), no script, nothing fetched; it prints on A4.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .charts import Series, bar_chart
from .figures import CHANNELS, Figures, Report, Section, Timeliness
from .labels import (
    channel_label,
    withdrawn_label,
    withdrawn_order,
    withheld_label,
    withheld_order,
)

FORMATS = ("html", "csv", "md")
CSV_COLUMNS = ("year", "scope", "agency", "figure", "channel", "item", "value", "label")


# --- numbers as text ---------------------------------------------------------------------------


def number(value: float | int | None) -> str:
    """A count or a median as printed: ``7``, ``6.5``; an empty value as ``—``."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def change(current: float | None, previous: float | None, *, points: bool = False) -> str:
    """``+3`` / ``−2`` / ``0``; in percentage points for shares; ``—`` when either is empty."""
    if current is None or previous is None:
        return "—"
    diff = (current - previous) * (100 if points else 1)
    if abs(diff) < 1e-9:
        return "0"
    text = f"{abs(diff):.1f}" if points or not float(diff).is_integer() else str(int(abs(diff)))
    return ("+" if diff > 0 else "−") + text + (" 个百分点" if points else "")


# --- rows of the summary tables ------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    current: str
    previous: str
    change: str
    sub: bool = False  # an "of which" line under the row before


def _share_text(t: Timeliness) -> str:
    if not t.count:
        return "—"
    return f"{percent(t.share_within_deadline)}（{t.within_deadline}/{t.count}）"


def summary_rows(section: Section, deadline_days: int) -> list[Row]:
    """The figures of a section, this year against the year before, in reading order."""
    cur, prev = section.current, section.previous

    def count(label: str, a: int, b: int, sub: bool = False) -> Row:
        return Row(label, str(a), str(b), change(a, b), sub)

    rows = [count("作出行政处罚决定", cur.made, prev.made)]
    for channel in CHANNELS:
        rows.append(
            count(
                f"公开（{channel_label(channel)}）",
                cur.published.get(channel, 0),
                prev.published.get(channel, 0),
            )
        )
    rows.append(count("不予公开", cur.withheld, prev.withheld))
    for reason in sorted({*cur.withheld_by_reason, *prev.withheld_by_reason}, key=withheld_order):
        rows.append(
            count(
                f"其中：{withheld_label(reason)}",
                cur.withheld_by_reason.get(reason, 0),
                prev.withheld_by_reason.get(reason, 0),
                sub=True,
            )
        )
    rows.append(count("逾期未公开", cur.overdue, prev.overdue))
    rows.append(count("撤回", cur.withdrawn, prev.withdrawn))
    for reason in sorted(
        {*cur.withdrawn_by_reason, *prev.withdrawn_by_reason}, key=withdrawn_order
    ):
        rows.append(
            count(
                f"其中：{withdrawn_label(reason)}",
                cur.withdrawn_by_reason.get(reason, 0),
                prev.withdrawn_by_reason.get(reason, 0),
                sub=True,
            )
        )
    rows.append(count("公示期满撤下", cur.expired, prev.expired))
    for channel in CHANNELS:
        a, b = cur.timeliness[channel], prev.timeliness[channel]
        name = channel_label(channel)
        rows += [
            Row(
                f"决定至首次公开（{name}）工作日：中位数",
                number(a.median),
                number(b.median),
                change(a.median, b.median),
            ),
            Row(
                f"决定至首次公开（{name}）工作日：95% 分位",
                number(a.p95),
                number(b.p95),
                change(a.p95, b.p95),
            ),
            Row(
                f"{deadline_days} 个工作日内公开（{name}）",
                _share_text(a),
                _share_text(b),
                change(a.share_within_deadline, b.share_within_deadline, points=True),
            ),
        ]
    return rows


# --- charts --------------------------------------------------------------------------------------


def histogram_bins(deadline_days: int) -> list[str]:
    """0, 1, …, twice the deadline, and "more"."""
    last = 2 * deadline_days + 1
    return [str(d) for d in range(last)] + [f"≥{last}"]


def charts(section: Section, deadline_days: int, prefix: str = "chart") -> dict[str, Markup]:
    cur = section.current
    months = [f"{m}月" for m in range(1, 13)]
    monthly = bar_chart(
        f"{prefix}-monthly",
        f"{cur.year} 年各月公开决定书数量（{section.title}）",
        months,
        [Series(channel_label(c), cur.monthly[c]) for c in CHANNELS],
        y_label="件",
    )
    bins = histogram_bins(deadline_days)
    histogram = bar_chart(
        f"{prefix}-days",
        f"{cur.year} 年从决定到首次公开的工作日数（{section.title}）",
        bins,
        [Series(channel_label(c), cur.histogram(c, len(bins))) for c in CHANNELS],
        x_label="工作日",
        y_label="件",
        marker_after=deadline_days,
        marker_label=f"期限 {deadline_days} 个工作日",
    )
    return {"monthly": Markup(monthly), "days": Markup(histogram)}


# --- rendering -----------------------------------------------------------------------------------


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(files("gongkai.templates"))),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_cell
    env.filters["number"] = number
    env.filters["percent"] = percent
    return env


def markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _context(report: Report, organ_name: str, generated_at: dt.datetime | None) -> dict[str, Any]:
    main = report.organ or report.agencies[0]
    return {
        "report": report,
        "organ_name": organ_name,
        "generated_at": generated_at,
        "main": main,
        "main_rows": summary_rows(main, report.deadline_days),
        "charts": charts(main, report.deadline_days),
        "agency_sections": [
            {"section": s, "rows": summary_rows(s, report.deadline_days)}
            for s in report.agencies
            if report.organ is not None
        ],
        "overview": [s for s in report.agencies if report.organ is not None],
        "channels": CHANNELS,
        "channel_label": channel_label,
    }


def render_html(
    report: Report, *, organ_name: str = "", generated_at: dt.datetime | None = None
) -> str:
    template = environment().get_template("report/report.html")
    return template.render(_context(report, organ_name, generated_at))


def render_markdown(
    report: Report, *, organ_name: str = "", generated_at: dt.datetime | None = None
) -> str:
    template = environment().get_template("report/report.md")
    return template.render(_context(report, organ_name, generated_at))


# --- CSV -----------------------------------------------------------------------------------------


def _csv_value(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def figure_rows(figures: Figures) -> Iterator[tuple[str, str, str, float | int | None, str]]:
    """(figure, channel, item, value, label) of one year's figures."""
    f = figures
    yield "made", "", "", f.made, "作出行政处罚决定"
    for c in CHANNELS:
        yield "published", c, "", f.published.get(c, 0), f"公开（{channel_label(c)}）"
    yield "withheld", "", "", f.withheld, "不予公开"
    for reason, n in sorted(f.withheld_by_reason.items(), key=lambda i: withheld_order(i[0])):
        yield "withheld_by_reason", "", reason, n, f"不予公开：{withheld_label(reason)}"
    yield "overdue", "", "", f.overdue, "逾期未公开"
    yield "withdrawn", "", "", f.withdrawn, "撤回"
    for reason, n in sorted(f.withdrawn_by_reason.items(), key=lambda i: withdrawn_order(i[0])):
        yield "withdrawn_by_reason", "", reason, n, f"撤回：{withdrawn_label(reason)}"
    yield "expired", "", "", f.expired, "公示期满撤下"
    for c in CHANNELS:
        t = f.timeliness[c]
        name = channel_label(c)
        yield "timed", c, "", t.count, f"计入时效统计的公开（{name}）"
        yield "days_median", c, "", t.median, f"决定至首次公开工作日中位数（{name}）"
        yield "days_p95", c, "", t.p95, f"决定至首次公开工作日95%分位（{name}）"
        yield "within_deadline", c, "", t.within_deadline, f"期限内公开（{name}）"
        yield "share_within_deadline", c, "", t.share_within_deadline, f"期限内公开比例（{name}）"
    for c in CHANNELS:
        for month, n in enumerate(f.monthly[c], start=1):
            item = f"{f.year}-{month:02d}"
            yield "monthly_published", c, item, n, f"{item} 公开（{channel_label(c)}）"


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for section in report.sections:
        scope = "organ" if section.agency is None else "agency"
        for figures in (section.current, section.previous):
            for figure, channel, item, value, label in figure_rows(figures):
                writer.writerow(
                    [
                        figures.year,
                        scope,
                        section.agency or "",
                        figure,
                        channel,
                        item,
                        _csv_value(value),
                        label,
                    ]
                )
    return out.getvalue()


CsvKey = tuple[str, str, str]  # figure, channel, item


def read_csv(text: str) -> dict[tuple[int, str | None], dict[CsvKey, float | int | None]]:
    """The figures of a CSV written by :func:`render_csv`: per (year, agency or ``None`` for
    the organ), (figure, channel, item) → value (an int, a float, or ``None`` when empty)."""
    found: dict[tuple[int, str | None], dict[CsvKey, float | int | None]] = {}
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
        raise ValueError(f"not a report CSV: columns {reader.fieldnames}")
    for row in reader:
        agency = None if row["scope"] == "organ" else row["agency"]
        raw = row["value"]
        value: float | int | None
        if raw == "":
            value = None
        elif raw.lstrip("-").isdigit():
            value = int(raw)
        else:
            value = float(raw)
        found.setdefault((int(row["year"]), agency), {})[
            (row["figure"], row["channel"], row["item"])
        ] = value
    return found


def render(
    report: Report, fmt: str, *, organ_name: str = "", generated_at: dt.datetime | None = None
) -> str:
    if fmt == "html":
        return render_html(report, organ_name=organ_name, generated_at=generated_at)
    if fmt == "md":
        return render_markdown(report, organ_name=organ_name, generated_at=generated_at)
    if fmt == "csv":
        return render_csv(report)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
