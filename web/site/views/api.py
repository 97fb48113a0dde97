"""The JSON API: ``/api/decisions`` (any search, keyset-paginated with ``cursor``),
``/api/decisions/{public_id}`` and the change feed ``/api/changes?since=…``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from gongkai.publication import read
from gongkai.publication.models import PublishedDecision, PublishedStatus
from gongkai.publication.read import InvalidQuery

from .. import urls
from ..deps import ReadSession, SearchLimit, base_url, get_settings
from .decisions import HIDDEN_MESSAGE

router = APIRouter()


def decision_json(row: PublishedDecision, base: str) -> dict[str, Any]:
    record = read.decision_record(row)
    record["url"] = f"{base}/decisions/{row.public_id}"
    record["api_url"] = f"{base}/api/decisions/{row.public_id}"
    return record


def _size(request: Request) -> int:
    settings = get_settings(request)
    raw = request.query_params.get("size", "").strip()
    if not raw:
        return settings.page_size
    if not raw.isdigit() or not 1 <= int(raw) <= settings.api_max_page_size:
        raise InvalidQuery(f"size 应为 1 到 {settings.api_max_page_size} 之间的整数。")
    return int(raw)


@router.get("/api/decisions", name="api_search", dependencies=[SearchLimit])
def api_search(request: Request, session: ReadSession) -> Response:
    """One page of a search. The first page (no ``cursor``) also says how many match
    (``count``; ``null`` with ``count_more_than`` for broad searches); follow ``next`` until it
    is ``null``."""
    query = urls.parse_search(request.query_params)
    size = _size(request)
    cursor = request.query_params.get("cursor") or None
    page = read.search_after(session, query, cursor, limit=size)
    base = base_url(request)
    body: dict[str, Any] = {
        "query": urls.search_params(query),
        "decisions": [decision_json(row, base) for row in page.decisions],
        "next_cursor": page.next_cursor,
        "next": (
            base + urls.search_url("/api/decisions", query, cursor=page.next_cursor, size=size)
            if page.next_cursor
            else None
        ),
        "html": base + urls.search_url("/", query),
        "csv": base + urls.search_url("/decisions.csv", query),
    }
    if cursor is None:
        cap = get_settings(request).api_count_cap
        total = read.count(session, query, cap=cap)
        body["count"] = total if total <= cap else None
        body["count_more_than"] = cap if total > cap else None
    return JSONResponse(body)


@router.get("/api/decisions/{public_id}", name="api_decision")
def api_decision(request: Request, public_id: str, session: ReadSession) -> Response:
    row = read.get_decision(session, public_id) if len(public_id) <= 64 else None
    if row is None:
        raise HTTPException(404, "没有找到该决定书。")
    if row.status == PublishedStatus.HIDDEN.value:
        raise HTTPException(404, HIDDEN_MESSAGE)
    body = decision_json(row, base_url(request))
    if read.is_gone(row):
        return JSONResponse(body, status_code=410, headers={"X-Robots-Tag": "noindex"})
    return JSONResponse(body)


@router.get("/api/changes", name="api_changes")
def api_changes(request: Request, session: ReadSession) -> Response:
    """Publications, corrections, withdrawals, expiries, hidings and restorings after
    ``since`` (a change id; 0 or absent: from the start), oldest first, ``limit`` at most."""
    raw_limit = request.query_params.get("limit", "").strip()
    if raw_limit and (not raw_limit.isdigit() or not 1 <= int(raw_limit) <= 1000):
        raise InvalidQuery("limit 应为 1 到 1000 之间的整数。")
    limit = int(raw_limit) if raw_limit else 100
    since = request.query_params.get("since")
    changes = read.changes_since(session, since, limit=limit)
    base = base_url(request)
    return JSONResponse(
        {
            "since": read.parse_since(since),
            "next_since": changes.next_since,
            "more": changes.more,
            "next": f"{base}/api/changes?since={changes.next_since}"
            + (f"&limit={limit}" if raw_limit else ""),
            "changes": [
                {
                    "id": entry.id,
                    "public_id": entry.public_id,
                    "kind": entry.kind,
                    "at": read.utc_iso(entry.at),
                    "revision": entry.revision,
                    "reason": entry.reason,
                    "url": f"{base}/decisions/{entry.public_id}",
                    "api_url": f"{base}/api/decisions/{entry.public_id}",
                }
                for entry in changes.entries
            ],
        }
    )
