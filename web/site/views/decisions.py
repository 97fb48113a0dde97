"""A decision's page (``/decisions/{public_id}``, also as CSV), and the withdrawal notices
(``/notices``).

A withdrawn or expired decision answers **410 Gone** with its notice; a decision hidden after
a reader reported leaked personal data answers 404 until legal staff have re-reviewed it. Pages
that are not a live decision carry ``noindex`` (meta tag and ``X-Robots-Tag``).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from gongkai.publication import read
from gongkai.publication.models import PublishedDecision, PublishedStatus
from gongkai.publication.read import InvalidQuery
from gongkai.publication.snapshot import csv_header, csv_record

from ..deps import ReadSession, base_url, get_settings, render
from ..security import report_token

router = APIRouter()

HIDDEN_MESSAGE = "该决定书因读者反映可能含有个人信息，已暂停公开，正在由法制部门复核。"


def gone_headers() -> dict[str, str]:
    return {"X-Robots-Tag": "noindex"}


def find_decision(session: ReadSession, public_id: str) -> PublishedDecision:
    """The decision, unless unknown or hidden (404). Withdrawn and expired ones are returned:
    the caller answers 410 with the notice."""
    row = read.get_decision(session, public_id) if len(public_id) <= 64 else None
    if row is None:
        raise HTTPException(404, "没有找到该决定书。")
    if row.status == PublishedStatus.HIDDEN.value:
        raise HTTPException(404, HIDDEN_MESSAGE, headers=gone_headers())
    return row


@router.get("/decisions/{public_id}.csv", name="decision_csv")
def decision_csv(request: Request, public_id: str, session: ReadSession) -> Response:
    row = find_decision(session, public_id)
    if read.is_gone(row):
        raise HTTPException(410, row.notice or "该决定书已不再公开。", headers=gone_headers())
    record = read.decision_record(row)
    record["url"] = f"{base_url(request)}/decisions/{row.public_id}"
    return Response(
        (csv_header() + csv_record(record)).encode(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{row.public_id}.csv"'},
    )


@router.get("/decisions/{public_id}", name="decision")
def decision_page(request: Request, public_id: str, session: ReadSession) -> Response:
    row = find_decision(session, public_id)
    if read.is_gone(row):
        return render(
            request,
            "site/gone.html",
            {"decision": row, "noindex": True},
            status_code=410,
            headers=gone_headers(),
        )
    settings = get_settings(request)
    return render(
        request,
        "site/decision.html",
        {
            "decision": row,
            "paragraphs": [p for p in row.redacted_text.split("\n") if p.strip()],
            "report_token": report_token(settings.secret_key, row.public_id),
            "max_message": settings.report_message_max_chars,
            "json_url": f"/api/decisions/{row.public_id}",
            "csv_url": f"/decisions/{row.public_id}.csv",
        },
    )


@router.get("/notices", name="notices")
def notices_page(request: Request, session: ReadSession) -> Response:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise InvalidQuery("页码无效。")
    page = int(raw)
    size = get_settings(request).page_size
    total = read.withdrawal_count(session)
    pages = max(1, -(-total // size))
    if page > pages:
        raise HTTPException(404, "页码超出范围。")
    rows = read.withdrawal_notices(session, limit=size, offset=(page - 1) * size)
    return render(
        request,
        "site/notices.html",
        {"notices": rows, "total": total, "page": page, "pages": pages},
    )
