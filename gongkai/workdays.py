"""Chinese working days: publication deadlines (国办发〔2018〕118号: 7 working days) and the
report's time-to-publish figures.

A neutral module (no Prefect, no database): the flows, the review app and the reports use it.

Where the installed ``chinesecalendar`` package has the year (it ships the official holiday and
make-up working day (调休) table of each 国务院办公厅关于 N 年部分节假日安排的通知, from 2004 to the
last year it has), that table decides. For a year it does not have yet — the notice for
the next year comes out in November or December, and the package a little later — the count is
**provisional**: Monday to Friday are working days except the statutory holidays fixed by the
Gregorian calendar (全国年节及纪念日放假办法, 2024 revision, art. 2: 元旦 1 January, 劳动节 1–2 May,
国庆节 1–3 October); the lunar holidays and the 调休 weekends of that year are not known. Callers
can ask :func:`has_official_calendar` and say so (the report does). Upgrade ``chinesecalendar``
once the notice is out.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

try:  # optional: pyproject lists it, but the pipeline must not stop without it
    import chinese_calendar as _calendar
except ImportError:  # pragma: no cover - depends on the environment
    _calendar = None

# Statutory holidays fixed by date (全国年节及纪念日放假办法 art. 2, as revised 2024-11-10,
# 国务院令第795号), used only for years the official calendar does not cover yet.
FIXED_STATUTORY_HOLIDAYS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (5, 1),
    (5, 2),
    (10, 1),
    (10, 2),
    (10, 3),
)
# The revision above took effect on 2025-01-01; the fixed days apply to later years only.
_FIXED_FROM_YEAR = 2025


@lru_cache(maxsize=256)
def has_official_calendar(year: int) -> bool:
    """Whether the installed calendar has the official holiday table of ``year``."""
    if _calendar is None:
        return False
    try:
        _calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def provisional_years(start: dt.date, end: dt.date) -> list[int]:
    """The years from ``start`` to ``end`` (either order) counted without an official table."""
    first, last = sorted((start.year, end.year))
    return [year for year in range(first, last + 1) if not has_official_calendar(year)]


@lru_cache(maxsize=8192)
def is_working_day(day: dt.date) -> bool:
    if has_official_calendar(day.year):
        assert _calendar is not None
        return bool(_calendar.is_workday(day))
    if day.year >= _FIXED_FROM_YEAR and (day.month, day.day) in FIXED_STATUTORY_HOLIDAYS:
        return False
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count);
    ``start`` itself when ``days`` is 0."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(a: dt.date, b: dt.date) -> int:
    """How many working days after ``a`` up to and including ``b``: the working days from a
    decision dated ``a`` to its publication on ``b`` (0 when published the same day, or only
    on rest days after it). Negative when ``b`` is before ``a``.

    The inverse of :func:`add_working_days`: ``working_days_between(a, add_working_days(a, n))
    == n``."""
    if b < a:
        return -working_days_between(b, a)
    count = 0
    current = a
    while current < b:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


__all__ = [
    "FIXED_STATUTORY_HOLIDAYS",
    "add_working_days",
    "has_official_calendar",
    "is_working_day",
    "provisional_years",
    "working_days_between",
]
