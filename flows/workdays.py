"""Chinese working days: moved to :mod:`gongkai.workdays` (no Prefect needed to count days).
Re-exported here so existing imports keep working."""

from gongkai.workdays import (
    add_working_days,
    has_official_calendar,
    is_working_day,
    provisional_years,
    working_days_between,
)

__all__ = [
    "add_working_days",
    "has_official_calendar",
    "is_working_day",
    "provisional_years",
    "working_days_between",
]
