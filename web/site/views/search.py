"""The search page (``/``) and the CSV export of any search (``/decisions.csv``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from gongkai.publication import read
from gongkai.publication.models import PublishedDecision
from gongkai.publication.read import FilterChoices, InvalidQuery, SearchQuery
from gongkai.publication.snapshot import csv_header, csv_record

from .. import urls
from ..deps import ReadSession, SearchLimit, base_url, get_settings, render
from ..snippets import Segment, excerpt
from ..templating import BEIJING, SORT_LABELS

router = APIRouter()


@dataclass
class Result:
    decision: PublishedDecision
    excerpt: list[Segment]


@dataclass
class SearchView:
    """What ``site/search.html`` shows.

    - ``query``: the search; ``params``: its URL parameters (to refill the form);
    - ``results``: this page; ``total``: matches in all, or with ``total_more`` a lower bound
      (broad searches are counted only as far as the numbered pages reach);
    - ``page`` / ``pages``: page number and how many numbered pages there are (at most the
      setting ``max_html_page``); ``capped``: there are more matches than those pages reach;
    - ``page_links``: (number, or ``None`` for a gap; URL); ``prev_url`` / ``next_url``;
    - ``sort_links``: (label, URL, active); ``filters``: active filters with their removal URLs;
    - ``json_url`` / ``csv_url``: the same search as JSON and CSV;
    - ``choices``: the values each filter can take; ``error``: why the search could not run.
    """

    query: SearchQuery
    params: dict[str, str]
    results: list[Result] = field(default_factory=list)
    total: int = 0
    total_more: bool = False
    page: int = 1
    pages: int = 1
    capped: bool = False
    page_links: list[tuple[int | None, str]] = field(default_factory=list)
    prev_url: str | None = None
    next_url: str | None = None
    sort_links: list[tuple[str, str, bool]] = field(default_factory=list)
    filters: list[dict[str, str]] = field(default_factory=list)
    json_url: str = ""
    csv_url: str = ""
    choices: FilterChoices = field(default_factory=FilterChoices)
    error: str | None = None


def filter_choices(request: Request, session: Any) -> FilterChoices:
    """The filter values, cached for ``choices_ttl_seconds``."""
    state = request.app.state
    now = dt.datetime.now(dt.UTC).timestamp()
    cached = getattr(state, "choices_cache", None)
    if cached is None or now - cached[0] > get_settings(request).choices_ttl_seconds:
        cached = (now, read.filter_choices(session))
        state.choices_cache = cached
    return cached[1]


def _page_links(query: SearchQuery, page: int, pages: int) -> list[tuple[int | None, str]]:
    wanted = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    links: list[tuple[int | None, str]] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            links.append((None, ""))
        links.append((number, urls.search_url("/", query, page=number if number > 1 else None)))
        previous = number
    return links


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1").strip() or "1"
    if not raw.isdigit() or int(raw) < 1:
        raise InvalidQuery("页码无效。")
    return int(raw)


@router.get("/", name="search", dependencies=[SearchLimit])
def search_page(request: Request, session: ReadSession) -> Response:
    settings = get_settings(request)
    try:
        query = urls.parse_search(request.query_params)
        page = _page_number(request)
    except InvalidQuery as exc:
        view = SearchView(SearchQuery(), {}, error=str(exc))
        view.choices = filter_choices(request, session)
        return render(request, "site/search.html", {"view": view}, status_code=400)
    size = settings.page_size
    view = SearchView(query, urls.search_params(query), page=page)
    view.choices = filter_choices(request, session)
    cap = settings.max_html_page * size
    total = read.count(session, query, cap=cap if query.terms or query.is_filtered else None)
    view.total, view.total_more = (cap, True) if total > cap else (total, False)
    reachable = max(1, -(-total // size))
    view.pages = min(reachable, settings.max_html_page)
    view.capped = reachable > settings.max_html_page
    if page > view.pages and view.total:
        raise InvalidQuery(
            f"页码超出范围（网页最多显示前 {view.pages} 页）。"
            "请细化检索条件，或使用数据接口、CSV 导出获取全部结果。"
        )
    rows = read.search(session, query, limit=size, offset=(page - 1) * size)
    view.results = [Result(row, excerpt(row.redacted_text, query.terms)) for row in rows]
    view.page_links = _page_links(query, page, view.pages)
    if page > 1:
        view.prev_url = urls.search_url("/", query, page=page - 1 if page > 2 else None)
    if page < view.pages:
        view.next_url = urls.search_url("/", query, page=page + 1)
    view.sort_links = [
        (
            label,
            urls.search_url("/", query, sort=None if key == read.DEFAULT_SORT else key),
            key == query.sort,
        )
        for key, label in SORT_LABELS.items()
    ]
    view.filters = urls.active_filters(query)
    view.json_url = urls.search_url("/api/decisions", query)
    view.csv_url = urls.search_url("/decisions.csv", query)
    return render(request, "site/search.html", {"view": view})


@router.get("/decisions.csv", name="search_csv", dependencies=[SearchLimit])
def search_csv(request: Request) -> Response:
    """Every decision the search finds, as CSV (UTF-8 with BOM), streamed in keyset batches."""
    query = urls.parse_search(request.query_params)
    sessions = request.app.state.read_sessions
    base = base_url(request)

    def lines() -> Iterator[bytes]:
        yield csv_header().encode()
        for row in read.iter_search(sessions, query):
            record = read.decision_record(row)
            record["url"] = f"{base}/decisions/{row.public_id}"
            yield csv_record(record).encode()

    stamp = dt.datetime.now(BEIJING).strftime("%Y%m%d-%H%M")
    filename = f"gongkai-{request.app.state.channel}-{stamp}.csv"
    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
