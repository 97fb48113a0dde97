"""Working days on the official calendar (国务院办公厅关于 N 年部分节假日安排的通知), one test per
year the reports count in, and the arithmetic the report relies on."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.workdays import (
    add_working_days,
    has_official_calendar,
    is_working_day,
    provisional_years,
    working_days_between,
)

d = dt.date


def _check(off: list[dt.date], worked_weekends: list[dt.date]) -> None:
    assert [day for day in off if is_working_day(day)] == []
    assert [day for day in worked_weekends if not is_working_day(day)] == []
    assert all(day.weekday() >= 5 for day in worked_weekends)


def test_2025_official_calendar() -> None:
    """国务院办公厅关于2025年部分节假日安排的通知: 春节 1-28 – 2-4 (work Sun 1-26, Sat 2-8),
    劳动节 5-1 – 5-5 (work Sun 4-27), 国庆中秋 10-1 – 10-8 (work Sun 9-28, Sat 10-11)."""
    assert has_official_calendar(2025)
    _check(
        off=[d(2025, 1, 1), d(2025, 1, 28), d(2025, 2, 4), d(2025, 5, 5), d(2025, 10, 8)],
        worked_weekends=[
            *(d(2025, 1, 26), d(2025, 2, 8), d(2025, 4, 27)),
            *(d(2025, 9, 28), d(2025, 10, 11)),
        ],
    )


def test_2026_official_calendar() -> None:
    """国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): 元旦 1-1 – 1-3 (work Sun 1-4), 春节
    2-15 – 2-23 (work Sat 2-14, Sat 2-28), 清明 4-4 – 4-6, 劳动节 5-1 – 5-5 (work Sat 5-9), 端午
    6-19 – 6-21, 中秋 9-25 – 9-27, 国庆 10-1 – 10-7 (work Sun 9-20, Sat 10-10)."""
    assert has_official_calendar(2026)
    spring = [d(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)]
    national = [d(2026, 10, 1) + dt.timedelta(days=i) for i in range(7)]
    _check(
        off=[
            *(d(2026, 1, 1), d(2026, 1, 2), *spring, d(2026, 4, 6), d(2026, 5, 4)),
            *(d(2026, 5, 5), d(2026, 6, 19), d(2026, 9, 25), *national),
        ],
        worked_weekends=[
            *(d(2026, 1, 4), d(2026, 2, 14), d(2026, 2, 28), d(2026, 5, 9)),
            *(d(2026, 9, 20), d(2026, 10, 10)),
        ],
    )
    assert is_working_day(d(2026, 2, 24))  # back to work after the Spring Festival
    assert add_working_days(d(2026, 9, 30), 1) == d(2026, 10, 8)


def test_2027_calendar() -> None:
    """The 2027 notice is not in the installed ``chinesecalendar`` (1.11.0 ends with 2026) and
    no official table was at hand to ship, so 2027 is counted provisionally: Monday–Friday
    without the statutory days fixed by date (元旦, 劳动节 1–2 May, 国庆 1–3 October), and
    reported as provisional. Once the package has 2027 (``pip install -U chinesecalendar``),
    the official table decides; 1 January is a holiday either way (Friday 2027-01-01)."""
    assert not is_working_day(d(2027, 1, 1))
    if has_official_calendar(2027):
        assert provisional_years(d(2027, 1, 1), d(2027, 12, 31)) == []
        return
    assert provisional_years(d(2026, 12, 1), d(2027, 1, 31)) == [2027]
    _check(off=[d(2027, 5, 1), d(2027, 10, 1), d(2027, 10, 2), d(2027, 10, 3)], worked_weekends=[])
    assert is_working_day(d(2027, 1, 4))  # a Monday
    assert not is_working_day(d(2027, 1, 9))  # a Saturday: no 调休 known
    # 2026-12-28 + 7 working days: Dec 29, 30, 31, (Jan 1), Jan 4, 5, 6, 7.
    assert add_working_days(d(2026, 12, 28), 7) == d(2027, 1, 7)


def test_years_before_the_calendar_count_monday_to_friday() -> None:
    assert not has_official_calendar(1999)
    assert is_working_day(d(1999, 10, 1))  # a Friday: no table, no fixed days before 2025
    assert add_working_days(d(2099, 1, 2), 7) == d(2099, 1, 13)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (d(2026, 3, 2), d(2026, 3, 2), 0),  # the same day
        (d(2026, 3, 6), d(2026, 3, 8), 0),  # Friday to Sunday
        (d(2026, 3, 6), d(2026, 3, 9), 1),  # Friday to Monday
        (d(2026, 9, 28), d(2026, 10, 12), 6),  # across National Day, Sat 10-10 worked
        (d(2026, 2, 10), d(2026, 2, 27), 8),  # across the Spring Festival, Sat 2-14 worked
        (d(2025, 12, 29), d(2026, 1, 5), 4),  # across New Year, Sun 2026-01-04 worked
        (d(2026, 3, 11), d(2026, 3, 2), -7),  # backwards
    ],
)
def test_working_days_between(start: dt.date, end: dt.date, expected: int) -> None:
    assert working_days_between(start, end) == expected


def test_working_days_between_inverts_add_working_days() -> None:
    start = d(2025, 12, 20)
    for n in range(0, 40):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_flows_workdays_re_exports_the_same_functions(tmp_path: Path) -> None:
    """``gongkai.flows.workdays`` keeps working for existing imports. In a subprocess: the flows
    package configures Prefect on import."""
    code = (
        "import gongkai.flows.workdays as old, gongkai.workdays as new\n"
        "assert old.add_working_days is new.add_working_days\n"
        "assert old.is_working_day is new.is_working_day\n"
        "assert old.working_days_between is new.working_days_between\n"
    )
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), "PREFECT_HOME": str(tmp_path / "p")}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
