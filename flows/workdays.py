"""Chinese working days, for publication deadlines (国办发〔2018〕118号: 7 working days).

Uses the official holiday and make-up working day (调休) calendar of the ``chinesecalendar``
package where it has data (2004 up to the year of its release); outside that range, and when
the package is not installed, plain Monday–Friday counting.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

try:  # optional: pyproject lists it, but the pipeline must not stop without it
    import chinese_calendar as _calendar
except ImportError:  # pragma: no cover - depends on the environment
    _calendar = None


@lru_cache(maxsize=4096)
def is_working_day(day: dt.date) -> bool:
    if _calendar is not None:
        try:
            return bool(_calendar.is_workday(day))
        except NotImplementedError:  # a year the calendar has no data for
            pass
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
