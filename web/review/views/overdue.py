"""Decisions not yet published N working days after their decision date (issue 6, deadline
tracking): the dashboard's rows (:func:`gongkai.reports.dashboard.overdue_rows`, the list of
``gongkai overdue``) with their document numbers, most overdue first, filterable by agency
(``/overdue?agency=…``). Reviewers and approvers: the page is their work list and links to
the decision and batch pages. Read-only; shows no originals, so nothing is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gongkai import workdays
from gongkai.reports.dashboard import overdue_rows
from gongkai.reports.facts import china_date
from gongkai.reports.settings import DEFAULT_WORKING_DAYS, SettingsError, deadline_working_days
from gongkai.store.models import utcnow
from gongkai.store.publication import count_open_problem_reports, decision_refs
from gongkai.web.review.deps import ReviewerDep, SessionDep, render

router = APIRouter()

SHOWN = 500  # rows on the page; the count above the table is of all of them


def _today() -> dt.date:
    """Today in China (tests move it)."""
    return china_date(utcnow())


@router.get("/overdue", name="overdue")
def overdue_page(request: Request, db: SessionDep, user: ReviewerDep, agency: str = "") -> Response:
    today = _today()
    setting_error = None
    try:
        days = deadline_working_days()
    except SettingsError as error:
        days, setting_error = DEFAULT_WORKING_DAYS, str(error)
    found = overdue_rows(db, today, days)  # most working days late first
    agencies = sorted({r.agency for r in found if r.agency})
    if agency:
        found = [r for r in found if r.agency == agency]
    shown = found[:SHOWN]
    refs = decision_refs(db, [r.source_id for r in shown])
    rows = [replace(r, decision_no=refs.get(r.source_id, (None, None))[1]) for r in shown]
    provisional = (
        workdays.provisional_years(min(r.decision_date for r in rows), today) if rows else []
    )
    return render(
        request,
        "review/overdue.html",
        {
            "rows": rows,
            "total": len(found),
            "today": today,
            "days": days,
            "setting_error": setting_error,
            "provisional": provisional,
            "agencies": agencies,
            "filters": {"agency": agency},
            "open_reports": count_open_problem_reports(db),
        },
    )
