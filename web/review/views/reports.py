"""Readers' problem reports (纠错) collected from the channels: the open ones, with the
decision each is about and whether it is hidden, and a form to settle each.

Reviewers and approvers see the list (they do the re-review the reports lead to). Only
approvers settle a report: closing a report of leaked personal data is a decision to let the
decision stand, like releasing a withheld one, and "需复核" can open a new review batch.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from gongkai.reports.facts import china_date
from gongkai.reports.labels import channel_label
from gongkai.store.models import Role, utcnow
from gongkai.store.publication import (
    ProblemReportError,
    count_open_problem_reports,
    handled_problem_reports,
    open_problem_reports,
    problem_report_for_update,
    problem_report_rows,
    resolve_problem_report,
)
from gongkai.web.review.deps import ApproverDep, ReviewerDep, SessionDep, render

router = APIRouter()

KIND_LABELS = {"leak": "泄露个人信息", "error": "内容有误"}
OUTCOME_LABELS = {"rereview": "需复核（退回审核）", "no_problem": "未发现问题"}
_REPORT_KEY = re.compile(r"(?:pilot|public):[0-9]{1,12}")
PAGE_SIZE = 200  # open_problem_reports' default: leaks first, so none is left off unseen


def _today() -> dt.date:
    """Today in China (tests move it)."""
    return china_date(utcnow())


def _page(
    request: Request,
    db: SessionDep,
    user: ReviewerDep,
    *,
    error: str | None = None,
    error_report: int | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> Response:
    rows = problem_report_rows(db, open_problem_reports(db, limit=PAGE_SIZE))
    return render(
        request,
        "review/reports.html",
        {
            "rows": rows,
            "open_reports": count_open_problem_reports(db),
            "handled": handled_problem_reports(db),
            "can_handle": user.user.role == Role.APPROVER,
            "kind_labels": KIND_LABELS,
            "outcome_labels": OUTCOME_LABELS,
            "channel_label": channel_label,
            "error": error,
            "error_report": error_report,
            "message": message,
        },
        status_code=status_code,
    )


@router.get("/problem-reports", name="problem_reports")
def reports_page(request: Request, db: SessionDep, user: ReviewerDep, done: str = "") -> Response:
    # Only a report key is echoed back (``pilot:12``), never arbitrary text.
    message = f"报告 {done} 已处理。" if _REPORT_KEY.fullmatch(done) else None
    return _page(request, db, user, message=message)


@router.post("/problem-reports/{report_id}/handle", name="handle_problem_report")
def handle(
    request: Request,
    db: SessionDep,
    user: ApproverDep,
    report_id: int,
    outcome: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    report = problem_report_for_update(db, report_id)
    if report is None:
        raise HTTPException(status_code=404, detail="没有这份报告")
    try:
        resolve_problem_report(
            db, report, actor=user.user.actor, outcome=outcome, note=note, today=_today()
        )
    except ProblemReportError as error:
        status = 409 if report.handled_at is not None else 422
        return _page(
            request, db, user, error=str(error), error_report=report.id, status_code=status
        )
    key = f"{report.channel}:{report.channel_report_id}"
    return RedirectResponse(f"/problem-reports?done={key}", status_code=303)
