"""Checks of generated HTML without extra packages: a tag-balance parser (``html.parser``), the
inline SVG charts parsed as XML, and tables read back into cells.

Used by ``tests/reports`` and ``tests/web/test_dashboard.py``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
SVG_NS = "http://www.w3.org/2000/svg"
SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)


class BalanceChecker(HTMLParser):
    """Every element closed, in order (void elements excepted); collects problems."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[str] = []
        self.counts: dict[str, int] = {}
        self.doctype = ""
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"end tag for void element </{tag}> at {self.getpos()}")
            return
        if not self.stack:
            self.problems.append(f"</{tag}> without a start tag at {self.getpos()}")
            return
        open_tag, where = self.stack.pop()
        if open_tag != tag:
            self.problems.append(
                f"<{open_tag}> opened at {where} closed by </{tag}> at {self.getpos()}"
            )


def check_html(html: str) -> BalanceChecker:
    """Parse ``html``; raises ``AssertionError`` listing what is not well-formed."""
    checker = BalanceChecker()
    checker.feed(html)
    checker.close()
    problems = list(checker.problems)
    problems += [f"<{tag}> opened at {where} never closed" for tag, where in checker.stack]
    if checker.doctype.lower() != "doctype html":
        problems.append(f"doctype is {checker.doctype!r}")
    for tag in ("html", "head", "body"):
        if checker.counts.get(tag) != 1:
            problems.append(f"{checker.counts.get(tag, 0)} <{tag}> elements")
    if not re.search(r"<head>.*<title>[^<]+</title>.*</head>", html, re.S):
        problems.append("no <title> in <head>")
    ids = [v for _, name, v in checker.attributes if name == "id"]
    duplicated = sorted({i for i in ids if ids.count(i) > 1 and i})
    if duplicated:
        problems.append(f"duplicate ids: {duplicated}")
    assert not problems, "HTML not well-formed:\n" + "\n".join(problems)
    return checker


def svg_charts(html: str) -> list[ET.Element]:
    """Every inline ``<svg>`` of the page, parsed as XML (raises on malformed XML)."""
    charts = [ET.fromstring(found) for found in SVG_RE.findall(html)]
    for chart in charts:
        assert chart.tag == f"{{{SVG_NS}}}svg", chart.tag
        assert chart.find(f"{{{SVG_NS}}}title") is not None, "a chart without a <title>"
        assert chart.get("role") == "img"
    return charts


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.current: str | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            found = dict(attrs).get("id")
            if found and self.depth == 1:
                self.current = found
                self.tables[found] = []
        elif self.current and tag == "tr":
            self.row = []
        elif self.current and tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self.current = None
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.current:
            self.tables[self.current].append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    """The text of every cell of every table with an ``id``, row by row (header row first)."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def by_label(rows: list[list[str]]) -> dict[str, list[str]]:
    """Rows keyed by their first cell (leading full-width spaces stripped)."""
    return {row[0].strip("\u3000 "): row[1:] for row in rows[1:]}
