"""The annual report from the store: read the facts (:mod:`.facts`), compute (:mod:`.figures`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from .facts import load_facts
from .figures import Report, build_report


def annual_report(
    session: Session,
    *,
    year: int,
    as_of: dt.date,
    deadline_days: int,
    agency: str | None = None,
) -> Report:
    """The report of ``year`` and the year before, as the store stands, events up to
    ``as_of`` (a China date)."""
    facts = load_facts(
        session, decided_from=dt.date(year - 1, 1, 1), decided_to=dt.date(year, 12, 31)
    )
    return build_report(facts, year=year, as_of=as_of, deadline_days=deadline_days, agency=agency)
