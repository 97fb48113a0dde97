"""CSV for spreadsheet users: one line at a time, with cells that a spreadsheet would run as
a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) neutralised by a leading
apostrophe (CSV injection; the values come from users, e.g. a typed login name)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_line(cells: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(c) for c in cells])
    return buffer.getvalue()
