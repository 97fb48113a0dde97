"""Bar charts as inline SVG, built in Python: no JavaScript, no network, no style attributes
(presentation attributes only, so the review app's Content-Security-Policy allows them), and
well-formed XML (``xml.etree`` parses every chart). They print as crisply as the text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif'
INK = "#1f2328"
MUTED = "#5f6b76"
GRID = "#d6dbe0"
MARKER = "#9b1c1c"
# Colour-blind safe pair (Okabe–Ito blue and orange), distinguishable in grey print too.
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A step of 1, 2 or 5 × 10ⁿ giving at most ``ticks`` intervals up to ``maximum``."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def bar_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    x_label: str = "",
    y_label: str = "",
    marker_after: int | None = None,
    marker_label: str = "",
    width: int = 720,
    height: int = 300,
) -> str:
    """A grouped bar chart: one group per category, one bar per series, the value above each
    non-zero bar. ``marker_after`` draws a dashed vertical line after that category (e.g. the
    deadline) labelled ``marker_label``. Returns the ``<svg>`` element as text."""
    left, right, top, bottom = 48, 16, 48, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for s in series for v in s.values), default=0)
    step = nice_step(peak)
    y_max = max(step, math.ceil(peak / step) * step)
    n = max(1, len(categories))
    group = plot_w / n
    bar = group * 0.8 / max(1, len(series))

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / y_max

    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    described = "；".join(
        f"{s.name}：" + "，".join(f"{c} {v}" for c, v in zip(categories, s.values, strict=True))
        for s in series
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_attr(chart_id)}" class="chart" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{_attr(FONT)}" font-size="12" '
        f'fill="{INK}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(described)}</desc>',
        f'<text x="{left}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    # Legend, top right.
    x_legend = width - right
    for index, s in reversed(list(enumerate(series))):
        label_w = 14 * len(s.name) + 24
        x_legend -= label_w
        colour = COLOURS[index % len(COLOURS)]
        out.append(
            f'<rect x="{x_legend}" y="27" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x_legend + 14}" y="36">{escape(s.name)}</text>'
        )
    # Grid and y axis.
    tick = 0
    while tick <= y_max:
        ty = _fmt(y(tick))
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{ty}" y2="{ty}" stroke="{GRID}" '
            f'stroke-width="1"/><text x="{left - 6}" y="{_fmt(y(tick) + 4)}" '
            f'text-anchor="end" fill="{MUTED}">{tick}</text>'
        )
        tick += step
    # Bars.
    for ci, category in enumerate(categories):
        x0 = left + ci * group + group * 0.1
        for si, s in enumerate(series):
            value = s.values[ci]
            colour = COLOURS[si % len(COLOURS)]
            bx = x0 + si * bar
            if value:
                out.append(
                    f'<rect x="{_fmt(bx)}" y="{_fmt(y(value))}" width="{_fmt(max(bar - 1, 1))}" '
                    f'height="{_fmt(y(0) - y(value))}" fill="{colour}">'
                    f"<title>{escape(f'{category} {s.name}：{value}')}</title></rect>"
                    f'<text x="{_fmt(bx + bar / 2)}" y="{_fmt(y(value) - 3)}" '
                    f'text-anchor="middle" font-size="10">{value}</text>'
                )
        out.append(
            f'<text x="{_fmt(left + ci * group + group / 2)}" y="{top + plot_h + 16}" '
            f'text-anchor="middle" fill="{MUTED}">{escape(category)}</text>'
        )
    # Axis line, axis labels, marker.
    out.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{_fmt(y(0))}" y2="{_fmt(y(0))}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    if x_label:
        out.append(
            f'<text x="{left + plot_w / 2:.0f}" y="{height - 8}" text-anchor="middle" '
            f'fill="{MUTED}">{escape(x_label)}</text>'
        )
    if y_label:
        out.append(
            f'<text x="12" y="{top + plot_h / 2:.0f}" text-anchor="middle" fill="{MUTED}" '
            f'transform="rotate(-90 12 {top + plot_h / 2:.0f})">{escape(y_label)}</text>'
        )
    if marker_after is not None and 0 <= marker_after < len(categories):
        mx = _fmt(left + (marker_after + 1) * group)
        out.append(
            f'<line x1="{mx}" x2="{mx}" y1="{top - 4}" y2="{_fmt(y(0))}" stroke="{MARKER}" '
            f'stroke-width="1.5" stroke-dasharray="5 3"/>'
            f'<text x="{mx}" y="{top - 8}" text-anchor="middle" fill="{MARKER}" '
            f'font-size="11">{escape(marker_label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
