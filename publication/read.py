"""Reading a channel store: search, one decision, the change feed, and what feeds, sitemaps and
snapshots list. Functions take a session (a read-only one is enough) and never write.

Search (see :mod:`gongkai.publication.index` for the index itself):

- ``q`` is split on whitespace into terms; a decision matches when **every** term is a
  substring of its redacted text (case-insensitive). Terms of any length work, including one
  and two Chinese characters (超速, 酒驾, 居留).
- Filters: agency, violation type, penalty type, law, decision-date range, fine range (fen).
- Sorting: by decision date or by fine, either way; date ties broken by the row id, fine ties by
  the date and then the row id (in the same direction), so the order is total and keyset
  pagination neither repeats nor skips a row.
- Pages: :func:`search` with an offset (page numbers for HTML pages) and :func:`search_after`
  with an opaque cursor (the JSON API; as fast on page 5,000 as on page 1).
- Only rows with status ``published`` are ever found; :func:`get_decision` returns a row in any
  status, so that a withdrawn or expired decision can answer with its notice.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, text, tuple_
from sqlalchemy.orm import Session

from . import index
from .models import ChangeEntry, PublishedDecision, PublishedStatus, StatusCount

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_PAGE_SIZE = 500


class InvalidQuery(ValueError):
    """A search, cursor or change-feed position that cannot be used (message in Chinese, fit
    for a reader)."""


# --- the query ------------------------------------------------------------------------------
_BY_DATE = ("decision_date", "id")
_BY_FINE = ("fine_amount_fen", "decision_date", "id")
SORTS: dict[str, tuple[tuple[str, ...], bool]] = {
    # name: (the columns of the order, the last one the row id; descending)
    "date_desc": (_BY_DATE, True),
    "date_asc": (_BY_DATE, False),
    "fine_desc": (_BY_FINE, True),
    "fine_asc": (_BY_FINE, False),
}
DEFAULT_SORT = "date_desc"


@dataclass(frozen=True)
class SearchQuery:
    """One search: the text query, the filters and the sort order. Empty filters are ``None``."""

    q: str = ""
    agency: str | None = None
    violation_type: str | None = None
    penalty_type: str | None = None
    law: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    fine_min_fen: int | None = None
    fine_max_fen: int | None = None
    sort: str = DEFAULT_SORT

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise InvalidQuery(f"未知的排序方式：{self.sort}")
        if len(self.q) > MAX_QUERY_CHARS:
            raise InvalidQuery(f"检索词过长（最多 {MAX_QUERY_CHARS} 个字符）。")

    @property
    def terms(self) -> tuple[str, ...]:
        """The whitespace-separated terms of ``q``, each once, at most :data:`MAX_TERMS`."""
        return tuple(dict.fromkeys(self.q.split()))[:MAX_TERMS]

    @property
    def is_filtered(self) -> bool:
        return any(
            v is not None
            for v in (
                self.agency,
                self.violation_type,
                self.penalty_type,
                self.law,
                self.date_from,
                self.date_to,
                self.fine_min_fen,
                self.fine_max_fen,
            )
        )


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _page_size(limit: int) -> int:
    return max(1, min(int(limit), MAX_PAGE_SIZE))


def _sort(query: SearchQuery) -> tuple[tuple[str, ...], bool]:
    """(column names, descending) of the query's order."""
    return SORTS[query.sort]


# A position in a search's order: the values of the sort columns of the row it is after.
Position = tuple[Any, ...]


def _tags(query: SearchQuery) -> list[str]:
    return [
        index.tag(kind, value)
        for kind in index.TAG_PREFIXES
        if (value := getattr(query, kind)) is not None
    ]


def _fts_match(session: Session, query: SearchQuery) -> str | None:
    """SQLite: the FTS query for the terms and the agency/violation/law/penalty filters
    (``None`` on PostgreSQL, or when the query has neither)."""
    if _dialect(session) != "sqlite":
        return None
    return index.fts_query(query.terms, _tags(query))


# --- plain SQL (PostgreSQL; SQLite without terms or tag filters) ------------------------------
def _conditions(session: Session, query: SearchQuery) -> list[ColumnElement[bool]]:
    """The WHERE clause of a search in SQL (PostgreSQL's text search included). On SQLite it
    serves only searches without terms and without agency/violation/law/penalty filters."""
    d = PublishedDecision
    where: list[ColumnElement[bool]] = [d.status == PublishedStatus.PUBLISHED.value]
    terms = query.terms
    if terms:
        parts = [index.tsquery_for(t) for t in terms]
        tsquery = " & ".join(f"({q})" for q, _ in parts)
        where.append(
            text(f"published_decisions.{index.PG_COLUMN} @@ CAST(:tsquery AS tsquery)").bindparams(
                tsquery=tsquery
            )
        )
        # Terms of 3+ characters: every pair present, then the whole term confirmed (lower()
        # of a Chinese text costs several times the search: only for terms with letters).
        for term, (_, confirm) in zip(terms, parts, strict=True):
            if confirm:
                needle = index.normalise(term)
                haystack = (
                    d.redacted_text if needle == term.upper() else func.lower(d.redacted_text)
                )
                where.append(func.strpos(haystack, needle) > 0)
    if query.agency is not None:
        where.append(d.agency == query.agency)
    if query.violation_type is not None:
        where.append(d.violation_type == query.violation_type)
    if query.law is not None:
        where.append(d.law == query.law)
    if query.penalty_type is not None:
        where.append(
            text(
                "CAST(published_decisions.penalty_types AS jsonb) @> CAST(:penalty AS jsonb)"
            ).bindparams(penalty=json.dumps([query.penalty_type], ensure_ascii=False))
        )
    if query.date_from is not None:
        where.append(d.decision_date >= query.date_from)
    if query.date_to is not None:
        where.append(d.decision_date <= query.date_to)
    where += _fine_conditions(query)
    return where


def _fine_conditions(query: SearchQuery) -> list[ColumnElement[bool]]:
    d = PublishedDecision
    where: list[ColumnElement[bool]] = []
    if query.fine_min_fen is not None:
        where.append(d.fine_amount_fen >= query.fine_min_fen)
    if query.fine_max_fen is not None:
        where.append(d.fine_amount_fen <= query.fine_max_fen)
    return where


# PostgreSQL: a text search with at most PG_SORT_LIMIT matches reads them all through the GIN
# index and sorts them (a MATERIALIZED CTE); a broader one is left to the planner, which walks
# the sort index and stops after the page. Reading matches and counting them is done with the
# GIN bitmap only (``_bitmap_only``): the planner does not know that testing a row's stored
# tsvector means reading it from TOAST, and would otherwise scan the table for common pairs, or
# walk an index testing every row for a rare pair (its estimate there is a guess).
PG_SORT_LIMIT = 2_000


@contextmanager
def _bitmap_only(session: Session, query: SearchQuery) -> Iterator[None]:
    if _dialect(session) != "postgresql" or not query.terms:
        yield
        return
    session.execute(text("SET LOCAL enable_seqscan = off"))
    session.execute(text("SET LOCAL enable_indexscan = off"))
    try:
        yield
    finally:
        session.execute(text("SET LOCAL enable_seqscan = on"))
        session.execute(text("SET LOCAL enable_indexscan = on"))


def _sql_ids(
    session: Session,
    query: SearchQuery,
    *,
    limit: int,
    offset: int = 0,
    after: Position | None = None,
) -> list[int]:
    d = PublishedDecision
    names, descending = _sort(query)
    columns = [getattr(d, n) for n in names]
    where = _conditions(session, query)
    if after is not None:
        position = tuple_(*columns)
        where.append(position < tuple_(*after) if descending else position > tuple_(*after))
    narrow = (
        _dialect(session) == "postgresql"
        and bool(query.terms)
        and _sql_count(session, query, PG_SORT_LIMIT) <= PG_SORT_LIMIT
    )
    if not narrow:
        order = [c.desc() if descending else c.asc() for c in columns]
        statement = select(d.id).where(*where).order_by(*order).limit(limit).offset(offset)
        return list(session.scalars(statement))
    matches = (
        select(*{c.key: c for c in [d.id, *columns]}.values())
        .where(*where)
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    keys = [matches.c[n] for n in names]
    order = [c.desc() if descending else c.asc() for c in keys]
    with _bitmap_only(session, query):
        return list(
            session.scalars(select(matches.c.id).order_by(*order).limit(limit).offset(offset))
        )


def _sql_count(session: Session, query: SearchQuery, cap: int | None) -> int:
    # Remembered for the transaction: the search and its count often ask the same.
    transaction = session.get_transaction()
    remembered = session.info.get("gongkai_counts")
    if remembered is None or remembered[0] is not transaction:
        remembered = session.info["gongkai_counts"] = (transaction, {})
    memo = remembered[1]
    if (query, cap) in memo:
        return memo[(query, cap)]
    inner = select(PublishedDecision.id).where(*_conditions(session, query))
    if cap is not None:
        inner = inner.limit(cap + 1)
    statement = select(func.count()).select_from(inner.subquery())
    with _bitmap_only(session, query):
        memo[(query, cap)] = result = int(session.execute(statement).scalar_one())
    return result


# --- SQLite with FTS5 -------------------------------------------------------------------------
# With the date order, FTS5 walks the matches in key (= date, id) order and stops after the
# page. With the fine order, a search of at most FTS_SORT_LIMIT matches reads them all with
# their fines and sorts them (about 3 µs a match at 1,000,000 decisions, 1.5 µs at 100,000); a
# larger one asks FTS5 for its matches one fine amount at a time (the ``fv…`` tag of each amount
# in the store, in the order's direction), each in key order, and stops once the page is full:
# the order (fine, date, id) is exactly that. Each amount costs a probe, and a probe that finds
# nothing costs most (FTS5 seeks the term's matches for every decision with that fine), so a
# search whose matches all have low fines (醉酒后 by fine, highest first: 450 ms at 1,000,000)
# is cheaper to sort while it has few matches (80 ms), and a frequent term, whose matches
# lie at every amount, cheaper to walk (拘留, 412,900 matches: 36 ms).
FTS_SORT_LIMIT = 40_000
_KEY_MASK = index.ID_MASK
_FTS_ROWID = f"{index.FTS_TABLE}.rowid"
# A match's fine, read from the small (id, fine) index rather than from the table, whose rows are
# about a page each: a third faster at 1,000,000 decisions (the planner picks the table).
_JOIN_FINES = (
    " JOIN published_decisions AS d INDEXED BY ix_published_decisions_id_fine_amount_fen"
    f" ON d.id = ({_FTS_ROWID} & {_KEY_MASK})"
)


def _fts_from(query: SearchQuery, params: dict[str, Any]) -> tuple[str, list[str]]:
    """The FROM clause and conditions of an FTS search (date range as a rowid range; a fine
    range through a join on the (id, fine) index)."""
    source = index.FTS_TABLE
    where = [f"{index.FTS_TABLE} MATCH :match"]
    if query.date_from is not None:
        params["key_lo"] = index.fts_key(query.date_from, 0)
        where.append(f"{index.FTS_TABLE}.rowid >= :key_lo")
    if query.date_to is not None:
        params["key_hi"] = index.fts_key(query.date_to, _KEY_MASK)
        where.append(f"{index.FTS_TABLE}.rowid <= :key_hi")
    fine = []
    if query.fine_min_fen is not None:
        params["fine_min"] = query.fine_min_fen
        fine.append("d.fine_amount_fen >= :fine_min")
    if query.fine_max_fen is not None:
        params["fine_max"] = query.fine_max_fen
        fine.append("d.fine_amount_fen <= :fine_max")
    if fine:
        source += _JOIN_FINES
        where += fine
    return source, where


def _fts_count(session: Session, match: str, query: SearchQuery, cap: int | None) -> int:
    params: dict[str, Any] = {"match": match}
    source, where = _fts_from(query, params)
    limit = ""
    if cap is not None:
        params["cap"] = cap + 1
        limit = " LIMIT :cap"
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {' AND '.join(where)}{limit})"
    return int(session.execute(text(sql), params).scalar_one())


def _fts_ids(
    session: Session,
    match: str,
    query: SearchQuery,
    *,
    limit: int,
    offset: int = 0,
    after: Position | None = None,
) -> list[int]:
    names, descending = _sort(query)
    if names == _BY_DATE:  # FTS5 walks the matches in key order and stops after the page
        after_key = None if after is None else index.fts_key(*after)
        keys = _fts_keys(
            session, match, query, descending, limit=limit, offset=offset, after_key=after_key
        )
        return [key & _KEY_MASK for key in keys]
    page = _FinePage(match, query, descending, limit, offset, after)
    unfined = replace(query, fine_min_fen=None, fine_max_fen=None)
    if _fts_count(session, match, unfined, FTS_SORT_LIMIT) <= FTS_SORT_LIMIT:
        return _fts_ids_sorted_by_fine(session, page)
    return _fts_ids_by_fine_amounts(session, page)


@dataclass(frozen=True)
class _FinePage:
    """One page of full-text matches in fine order: what to match, which way, from where."""

    match: str
    query: SearchQuery
    descending: bool
    limit: int
    offset: int
    after: Position | None


def _fts_keys(
    session: Session,
    match: str,
    query: SearchQuery,
    descending: bool,
    *,
    limit: int,
    offset: int = 0,
    after_key: int | None = None,
) -> list[int]:
    """The FTS keys of one page of matches, in key order."""
    params: dict[str, Any] = {"match": match, "limit": limit, "offset": offset}
    source, where = _fts_from(query, params)
    if after_key is not None:
        params["after_key"] = after_key
        where.append(f"{_FTS_ROWID} {'<' if descending else '>'} :after_key")
    sql = (
        f"SELECT {_FTS_ROWID} FROM {source} WHERE {' AND '.join(where)} "
        f"ORDER BY {_FTS_ROWID} {'DESC' if descending else 'ASC'} LIMIT :limit OFFSET :offset"
    )
    return [int(key) for key in session.scalars(text(sql), params)]


def _fts_ids_sorted_by_fine(session: Session, page: _FinePage) -> list[int]:
    """Few matches: read them all with their fines (the (id, fine) index) and sort."""
    direction = "DESC" if page.descending else "ASC"
    params: dict[str, Any] = {"match": page.match, "limit": page.limit, "offset": page.offset}
    source, where = _fts_from(page.query, params)
    if _JOIN_FINES not in source:
        source += _JOIN_FINES
    after = page.after
    if after is not None:
        params["after_fine"], params["after_key"] = after[0], index.fts_key(after[1], after[2])
        where.append(
            f"(d.fine_amount_fen, {_FTS_ROWID}) {'<' if page.descending else '>'} "
            "(:after_fine, :after_key)"
        )
    sql = (
        f"SELECT d.id FROM {source} WHERE {' AND '.join(where)} "
        f"ORDER BY d.fine_amount_fen {direction}, {_FTS_ROWID} {direction} "
        "LIMIT :limit OFFSET :offset"
    )
    return list(session.scalars(text(sql), params))


def _fts_ids_by_fine_amounts(session: Session, page: _FinePage) -> list[int]:
    """Many matches: one fine amount at a time, each amount's matches in key order."""
    unfined = replace(page.query, fine_min_fen=None, fine_max_fen=None)
    found: list[int] = []
    skip = page.offset
    after = page.after
    start = None if after is None else after[0]
    for fine in _fine_amounts(session, page.query, page.descending, start=start):
        after_key = None
        if after is not None and fine == after[0]:
            after_key = index.fts_key(after[1], after[2])
        keys = _fts_keys(
            session,
            f"({page.match}) AND tags : {index.fine_tag(fine)}",
            unfined,
            page.descending,
            limit=skip + page.limit - len(found),
            after_key=after_key,
        )
        if skip:
            taken = min(skip, len(keys))
            skip -= taken
            keys = keys[taken:]
        found += keys
        if len(found) >= page.limit:
            break
    return [key & _KEY_MASK for key in found[: page.limit]]


def _fine_amounts(
    session: Session, query: SearchQuery, descending: bool, *, start: int | None
) -> Iterator[int]:
    """The distinct fines of published decisions within the query's fine range, in the order's
    direction, from ``start`` (included) on; each found by one step through the fine index."""
    lower, upper = query.fine_min_fen, query.fine_max_fen
    if start is not None:
        if descending:
            upper = start if upper is None else min(upper, start)
        else:
            lower = start if lower is None else max(lower, start)
    inclusive = True
    while True:
        where = ["status = 'published'"]
        params: dict[str, Any] = {}
        bound = upper if descending else lower
        other = lower if descending else upper
        if bound is not None:
            op = ("<=" if inclusive else "<") if descending else (">=" if inclusive else ">")
            where.append(f"fine_amount_fen {op} :bound")
            params["bound"] = bound
        if other is not None:
            where.append(f"fine_amount_fen {'>=' if descending else '<='} :other")
            params["other"] = other
        sql = (
            f"SELECT fine_amount_fen FROM published_decisions WHERE {' AND '.join(where)} "
            f"ORDER BY fine_amount_fen {'DESC' if descending else 'ASC'} LIMIT 1"
        )
        fine = session.scalar(text(sql), params)
        if fine is None:
            return
        yield int(fine)
        if descending:
            upper = int(fine)
        else:
            lower = int(fine)
        inclusive = False


# --- searching ------------------------------------------------------------------------------
def _ids(
    session: Session,
    query: SearchQuery,
    *,
    limit: int,
    offset: int = 0,
    after: Position | None = None,
) -> list[int]:
    match = _fts_match(session, query)
    if match is not None:
        return _fts_ids(session, match, query, limit=limit, offset=offset, after=after)
    return _sql_ids(session, query, limit=limit, offset=offset, after=after)


def _load(session: Session, ids: list[int]) -> list[PublishedDecision]:
    """The rows of ``ids``, in that order."""
    if not ids:
        return []
    rows = {
        r.id: r
        for r in session.scalars(select(PublishedDecision).where(PublishedDecision.id.in_(ids)))
    }
    return [rows[i] for i in ids if i in rows]


def search(
    session: Session, query: SearchQuery, *, limit: int = 20, offset: int = 0
) -> list[PublishedDecision]:
    """One page of matching published decisions, by offset (for numbered HTML pages)."""
    ids = _ids(session, query, limit=_page_size(limit), offset=max(0, offset))
    return _load(session, ids)


def count(session: Session, query: SearchQuery, *, cap: int | None = None) -> int:
    """How many published decisions match; with ``cap``, counting stops at ``cap + 1`` (a
    result above ``cap`` means "more than ``cap``"), which keeps broad searches cheap."""
    if not query.terms and not query.is_filtered:
        total = published_count(session)
        return total if cap is None else min(total, cap + 1)
    match = _fts_match(session, query)
    if match is not None:
        return _fts_count(session, match, query, cap)
    return _sql_count(session, query, cap)


# --- keyset pagination ------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    """A page of a keyset-paginated search: ``next_cursor`` is ``None`` on the last page."""

    decisions: list[PublishedDecision]
    next_cursor: str | None


def encode_cursor(query: SearchQuery, row: PublishedDecision) -> str:
    """An opaque cursor: the sort order and the position of ``row`` in it."""
    names, _ = _sort(query)
    values = [getattr(row, n) for n in names]
    position = [v.isoformat() if isinstance(v, dt.date) else int(v) for v in values]
    raw = json.dumps({"s": query.sort, "p": position}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _position_value(name: str, value: Any) -> Any:
    if name == "decision_date":
        return dt.date.fromisoformat(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(value)
    if (name == "id" and not 0 <= value <= _KEY_MASK) or abs(value) > 2**62:
        raise ValueError(value)
    return value


def decode_cursor(query: SearchQuery, cursor: str) -> Position:
    """The position a cursor points after (the values of the sort columns);
    :class:`InvalidQuery` if it is not one of ours or belongs to another sort order."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        sort, position = data["s"], data["p"]
        names = SORTS[sort][0]
        if sort != query.sort or not isinstance(position, list) or len(position) != len(names):
            raise ValueError(sort)
        return tuple(_position_value(n, v) for n, v in zip(names, position, strict=True))
    except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error):
        raise InvalidQuery("翻页参数 cursor 无效或与排序方式不符。") from None


def search_after(
    session: Session, query: SearchQuery, cursor: str | None = None, *, limit: int = 20
) -> Page:
    """The page of matching published decisions after ``cursor`` (the first page for
    ``None``). Each page costs about the same however deep it is."""
    limit = _page_size(limit)
    after = decode_cursor(query, cursor) if cursor else None
    ids = _ids(session, query, limit=limit + 1, after=after)
    more = len(ids) > limit
    rows = _load(session, ids[:limit])
    return Page(rows, encode_cursor(query, rows[-1]) if more and rows else None)


def iter_search(
    sessions: Callable[[], Session], query: SearchQuery, *, batch: int = 500
) -> Iterator[PublishedDecision]:
    """Every matching published decision, in order, fetched in keyset batches, each batch in
    its own short session (a long export holds no transaction open)."""
    cursor: str | None = None
    while True:
        with sessions() as session:
            page = search_after(session, query, cursor, limit=batch)
            session.expunge_all()
        yield from page.decisions
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


# --- one decision ---------------------------------------------------------------------------
def get_decision(session: Session, public_id: str) -> PublishedDecision | None:
    """The decision with ``public_id`` in any status (``None`` if the channel never had it)."""
    return session.scalar(select(PublishedDecision).where(PublishedDecision.public_id == public_id))


def withdrawal_notices(
    session: Session, *, limit: int = 20, offset: int = 0
) -> list[PublishedDecision]:
    """Withdrawn decisions, most recently withdrawn first: their notices stay public."""
    return list(
        session.scalars(
            select(PublishedDecision)
            .where(PublishedDecision.status == PublishedStatus.WITHDRAWN.value)
            .order_by(PublishedDecision.status_changed_at.desc(), PublishedDecision.id.desc())
            .limit(_page_size(limit))
            .offset(max(0, offset))
        )
    )


def status_count(session: Session, status: PublishedStatus) -> int:
    """How many decisions stand in ``status`` (one row the database's triggers keep)."""
    stored = session.scalar(select(StatusCount.decisions).where(StatusCount.status == status.value))
    return int(stored or 0)


def withdrawal_count(session: Session) -> int:
    return status_count(session, PublishedStatus.WITHDRAWN)


def is_live(row: PublishedDecision) -> bool:
    return row.status == PublishedStatus.PUBLISHED.value


def is_gone(row: PublishedDecision) -> bool:
    """Withdrawn or expired: the page answers 410 Gone with the notice."""
    return row.status in (PublishedStatus.WITHDRAWN.value, PublishedStatus.EXPIRED.value)


# --- filter choices -------------------------------------------------------------------------
@dataclass(frozen=True)
class FilterChoices:
    """The values each filter can take among published decisions, sorted."""

    agencies: list[str] = field(default_factory=list)
    violation_types: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    penalty_types: list[str] = field(default_factory=list)


def filter_choices(session: Session) -> FilterChoices:
    d = PublishedDecision
    live = d.status == PublishedStatus.PUBLISHED.value

    def distinct(column: Any) -> list[str]:
        return sorted(session.scalars(select(column).where(live).distinct()))

    if _dialect(session) == "sqlite":
        # Distinct lists (few) from the (status, penalty_types) index, then their elements.
        lists = session.scalars(
            text(
                "SELECT DISTINCT penalty_types FROM published_decisions WHERE status = 'published'"
            )
        )
        penalties: set[str] = set()
        for value in lists:
            penalties.update(str(p) for p in (json.loads(value) if value else []))
    else:
        penalties = {
            str(v)
            for v in session.scalars(
                text(
                    "SELECT DISTINCT jsonb_array_elements_text(CAST(penalty_types AS jsonb)) "
                    "FROM published_decisions WHERE status = 'published'"
                )
            )
        }
    return FilterChoices(
        agencies=distinct(d.agency),
        violation_types=distinct(d.violation_type),
        laws=distinct(d.law),
        penalty_types=sorted(penalties),
    )


# --- change feed ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Changes:
    """Change-feed entries after a position, oldest first; ``next_since`` is the position to
    ask from next time (the last entry's id, or the same position when nothing is new)."""

    entries: list[ChangeEntry]
    next_since: int
    more: bool


def parse_since(since: str | int | None) -> int:
    if since is None or since == "":
        return 0
    try:
        value = int(since)
    except (TypeError, ValueError):
        raise InvalidQuery("since 必须是变更记录的编号（非负整数）。") from None
    if value < 0:
        raise InvalidQuery("since 必须是变更记录的编号（非负整数）。")
    return value


def changes_since(session: Session, since: str | int | None = None, *, limit: int = 100) -> Changes:
    """Publications, corrections, withdrawals, expiries, hidings and restorings after position
    ``since`` (0 or ``None``: from the start), in the order they happened."""
    position = parse_since(since)
    limit = _page_size(limit)
    entries = list(
        session.scalars(
            select(ChangeEntry)
            .where(ChangeEntry.id > position)
            .order_by(ChangeEntry.id)
            .limit(limit + 1)
        )
    )
    more = len(entries) > limit
    entries = entries[:limit]
    return Changes(entries, entries[-1].id if entries else position, more)


# --- feeds, sitemaps, snapshots -------------------------------------------------------------
def latest_published(session: Session, limit: int = 50) -> list[PublishedDecision]:
    """The most recently first-published decisions that are still on the channel (ids grow in
    order of first publication)."""
    return list(
        session.scalars(
            select(PublishedDecision)
            .where(PublishedDecision.status == PublishedStatus.PUBLISHED.value)
            .order_by(PublishedDecision.id.desc())
            .limit(limit)
        )
    )


def published_ids(
    session: Session, *, after_id: int = 0, limit: int = 50_000
) -> list[tuple[int, str, dt.datetime]]:
    """(id, public_id, updated_at) of published decisions after ``after_id``, in id order."""
    d = PublishedDecision
    rows = session.execute(
        select(d.id, d.public_id, d.updated_at)
        .where(and_(d.status == PublishedStatus.PUBLISHED.value, d.id > after_id))
        .order_by(d.id)
        .limit(limit)
    )
    return [(int(r[0]), str(r[1]), r[2]) for r in rows]


def published_count(session: Session) -> int:
    return status_count(session, PublishedStatus.PUBLISHED)


# --- what a reader or a reuser gets of a decision ------------------------------------------------
def yuan(fen: int) -> str:
    """Integer fen as a yuan amount with two decimals (``50000`` → ``"500.00"``)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def utc_iso(value: dt.datetime | None) -> str | None:
    """A stored time as ISO 8601 in UTC (SQLite hands back naive UTC values)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


RECORD_FIELDS = (
    "public_id",
    "decision_no",
    "agency",
    "decision_date",
    "violation_type",
    "law",
    "legal_basis",
    "penalty_types",
    "fine_amount_fen",
    "fine_amount_yuan",
    "revision",
    "first_published_at",
    "updated_at",
    "status",
    "notice",
    "redacted_text",
)


def decision_record(row: PublishedDecision, *, with_text: bool = True) -> dict[str, Any]:
    """The public fields of a decision as JSON-ready values (API, JSON Lines, CSV). A decision
    that is not live carries its notice and no text."""
    live = is_live(row)
    record: dict[str, Any] = {
        "public_id": row.public_id,
        "decision_no": row.decision_no,
        "agency": row.agency,
        "decision_date": row.decision_date.isoformat(),
        "violation_type": row.violation_type,
        "law": row.law,
        "legal_basis": row.legal_basis,
        "penalty_types": list(row.penalty_types or []),
        "fine_amount_fen": row.fine_amount_fen,
        "fine_amount_yuan": yuan(row.fine_amount_fen),
        "revision": row.revision,
        "first_published_at": utc_iso(row.first_published_at),
        "updated_at": utc_iso(row.updated_at),
        "status": row.status,
        "notice": None if live or row.status == PublishedStatus.HIDDEN.value else row.notice,
    }
    if with_text:
        record["redacted_text"] = row.redacted_text if live else None
    return record
