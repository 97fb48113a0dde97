"""Every search is a URL: reading a search from query parameters, and writing one back (page
links, sort links, removing one filter, the same search as JSON or CSV).

Parameters: ``q`` (terms separated by spaces), ``agency``, ``violation``, ``penalty``, ``law``,
``from`` / ``to`` (decision date, ``YYYY-MM-DD``), ``fine_min`` / ``fine_max`` (yuan),
``sort`` (``date_desc`` default, ``date_asc``, ``fine_desc``, ``fine_asc``); HTML pages add
``page``, the API ``cursor`` and ``size``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote, urlencode

from gongkai.publication.read import DEFAULT_SORT, SORTS, InvalidQuery, SearchQuery, yuan

# URL parameter -> SearchQuery field, in the order they appear in URLs.
FILTER_PARAMS: dict[str, str] = {
    "agency": "agency",
    "violation": "violation_type",
    "penalty": "penalty_type",
    "law": "law",
}
MAX_FILTER_CHARS = 255
MAX_FINE_YUAN = Decimal("100000000")


def _text(params: Mapping[str, str], name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > MAX_FILTER_CHARS:
        raise InvalidQuery(f"参数 {name} 过长。")
    return value or None


def _date(params: Mapping[str, str], name: str, label: str) -> dt.date | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidQuery(f"{label}格式不对，应为 年-月-日（如 2024-03-01）。") from None


def _fen(params: Mapping[str, str], name: str, label: str) -> int | None:
    value = (params.get(name) or "").strip().replace(",", "").removesuffix("元")
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise InvalidQuery(f"{label}应为数字（单位：元）。") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_FINE_YUAN:
        raise InvalidQuery(f"{label}超出范围。")
    return int((amount * 100).to_integral_value())


def parse_search(params: Mapping[str, str]) -> SearchQuery:
    """The search in ``params``; :class:`InvalidQuery` (a message in Chinese) when a value is
    unusable."""
    sort = (params.get("sort") or "").strip() or DEFAULT_SORT
    if sort not in SORTS:
        raise InvalidQuery("排序方式无效。")
    values: dict[str, Any] = {field: _text(params, p) for p, field in FILTER_PARAMS.items()}
    query = SearchQuery(
        q=" ".join((params.get("q") or "").split()),
        date_from=_date(params, "from", "起始日期"),
        date_to=_date(params, "to", "截止日期"),
        fine_min_fen=_fen(params, "fine_min", "最低罚款"),
        fine_max_fen=_fen(params, "fine_max", "最高罚款"),
        sort=sort,
        **values,
    )
    return query


def _yuan_param(fen: int) -> str:
    amount = yuan(fen)
    return amount[:-3] if amount.endswith(".00") else amount


def search_params(query: SearchQuery) -> dict[str, str]:
    """The URL parameters of ``query`` (empty ones left out, the default sort too)."""
    params: dict[str, str] = {}
    if query.q:
        params["q"] = query.q
    for param, field in FILTER_PARAMS.items():
        value = getattr(query, field)
        if value is not None:
            params[param] = value
    if query.date_from:
        params["from"] = query.date_from.isoformat()
    if query.date_to:
        params["to"] = query.date_to.isoformat()
    if query.fine_min_fen is not None:
        params["fine_min"] = _yuan_param(query.fine_min_fen)
    if query.fine_max_fen is not None:
        params["fine_max"] = _yuan_param(query.fine_max_fen)
    if query.sort != DEFAULT_SORT:
        params["sort"] = query.sort
    return params


def with_query(path: str, params: Mapping[str, Any]) -> str:
    clean = {k: str(v) for k, v in params.items() if v is not None and v != ""}
    return path + ("?" + urlencode(clean, quote_via=quote) if clean else "")


def search_url(path: str, query: SearchQuery, **extra: Any) -> str:
    """``path`` with ``query``'s parameters, plus/overriding ``extra`` (``None`` removes)."""
    params: dict[str, Any] = dict(search_params(query))
    for key, value in extra.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return with_query(path, params)


def active_filters(query: SearchQuery) -> list[dict[str, str]]:
    """Each active filter with a label and the URL of the same search without it."""
    labels = {
        "q": "检索词",
        "agency": "处罚机关",
        "violation": "违法行为",
        "penalty": "处罚种类",
        "law": "法律",
        "from": "起始日期",
        "to": "截止日期",
        "fine_min": "最低罚款（元）",
        "fine_max": "最高罚款（元）",
    }
    params = search_params(query)
    out = []
    for key, label in labels.items():
        if key in params:
            rest = {k: v for k, v in params.items() if k != key}
            out.append({"label": label, "value": params[key], "remove": with_query("/", rest)})
    return out
