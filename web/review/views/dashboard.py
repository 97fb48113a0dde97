"""The operations dashboard (issue 7): today's queue, overdue decisions, withdrawals due,
leak-guard blocks, corrections by entity type and this year's report figures. Admins and
approvers; read-only (nothing is audited: the page shows no originals)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gongkai.reports.dashboard import dashboard as gather
from gongkai.reports.labels import channel_label, withdrawn_label
from gongkai.reports.render import charts, summary_rows
from gongkai.reports.settings import SettingsError, deadline_working_days
from gongkai.store.accounts import SignedIn
from gongkai.store.models import Role, utcnow
from gongkai.web.review.deps import SessionDep, render, require
from gongkai.web.review.rendering import TYPE_LABELS

router = APIRouter()

DashboardDep = Annotated[SignedIn, require(Role.ADMIN, Role.APPROVER)]


def _now() -> dt.datetime:
    """The moment the page describes (tests move it)."""
    return utcnow()


# The publish flow audits its leak-guard verdicts in English (flows/publish.py).
_LEAK_PREFIXES = (
    ("leak guard at publication (metadata): ", "公开元数据复查发现："),
    ("leak guard at publication: ", "发布前复查发现："),
)
_ENTITY_CODE = re.compile(r"\b[A-Z][A-Z_]{2,}\b")


def leak_detail(text: str) -> str:
    """A leak-guard verdict in Chinese: known prefixes translated, entity codes labelled."""
    for prefix, chinese in _LEAK_PREFIXES:
        if text.startswith(prefix):
            text = chinese + text.removeprefix(prefix)
            break
    return _ENTITY_CODE.sub(lambda m: TYPE_LABELS.get(m.group(0), m.group(0)), text)


@router.get("/dashboard", name="dashboard")
def dashboard_page(request: Request, db: SessionDep, user: DashboardDep) -> Response:
    try:
        days = deadline_working_days()
    except SettingsError:
        days = 7  # the page still shows; the flows refuse the bad setting loudly
    board = gather(db, now=_now(), deadline_days=days)
    organ = board.report.organ
    return render(
        request,
        "review/dashboard.html",
        {
            "board": board,
            "organ": organ,
            "rows": summary_rows(organ, days) if organ else [],
            "charts": charts(organ, days, prefix="dashboard") if organ else {},
            "provisional": sorted({*board.provisional_years, *board.report.provisional_years}),
            "type_labels": TYPE_LABELS,
            "channel_label": channel_label,
            "leak_detail": leak_detail,
            "withdrawn_label": withdrawn_label,
            # Reviewers' pages: approvers may open them, admins may not.
            "links": user.user.role == Role.APPROVER,
        },
    )
