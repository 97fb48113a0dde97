"""Report a problem (纠错): the form on every decision page posts here.

A report of leaked personal data hides the decision from the channel at once
(:func:`gongkai.publication.write.hide`, through the read-write engine) until legal staff have
re-reviewed it; every report is stored in the channel store's ``problem_reports`` table, from
which the internal side collects them into the review queue. Abuse guards: a signed form token
bound to the decision (and at most ``report_form_max_age`` old), an empty honeypot field, and a
per-address rate limit. The reporter's address is not stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from gongkai.publication import ProblemReport, hide
from gongkai.publication.models import PublishedStatus
from gongkai.publication.read import get_decision

from ..deps import RateLimited, client_key, get_settings, render
from ..security import report_token_is_valid

router = APIRouter()

KINDS = {"leak": "泄露了个人信息", "error": "其他错误"}
# The reason recorded with the hiding (shown in the change feed): never the reader's message,
# which may quote the very data that leaked.
HIDE_REASON = "读者报告可能泄露个人信息，暂停公开，待法制部门复核"


@router.post("/decisions/{public_id}/report", name="report")
def report_problem(
    request: Request,
    public_id: str,
    kind: Annotated[str, Form()] = "",
    message: Annotated[str, Form()] = "",
    token: Annotated[str, Form()] = "",
    website: Annotated[str, Form()] = "",  # honeypot: people never see it
) -> Response:
    settings = get_settings(request)
    if kind not in KINDS or len(public_id) > 64:
        raise HTTPException(400, "请选择问题类型。")
    message = message.strip()
    if len(message) > settings.report_message_max_chars:
        raise HTTPException(400, f"说明最多 {settings.report_message_max_chars} 个字。")
    if kind == "error" and not message:
        raise HTTPException(400, "请说明是什么错误。")
    max_age = settings.report_form_max_age.total_seconds()
    if website or not report_token_is_valid(settings.secret_key, public_id, token, max_age=max_age):
        raise HTTPException(403, "表单已失效，请返回决定书页面刷新后重新提交。")
    wait = request.app.state.report_limiter.take(client_key(request))
    if wait > 0:
        raise RateLimited(wait)
    now = dt.datetime.now(dt.UTC)
    with request.app.state.write_sessions.begin() as session:
        decision = get_decision(session, public_id)
        if decision is None or decision.status not in (
            PublishedStatus.PUBLISHED.value,
            PublishedStatus.HIDDEN.value,
        ):
            raise HTTPException(404, "没有找到该决定书。")
        session.add(ProblemReport(public_id=public_id, kind=kind, message=message, created_at=now))
        if kind == "leak":
            hide(session, public_id, now=now, reason=HIDE_REASON)
    return RedirectResponse(f"/report/thanks?kind={kind}", status_code=303)


@router.get("/report/thanks", name="report_thanks")
def report_thanks(request: Request) -> Response:
    kind = request.query_params.get("kind", "")
    return render(request, "site/report_thanks.html", {"leak": kind == "leak", "noindex": True})
