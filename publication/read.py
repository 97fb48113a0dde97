"""Reading a channel store: search, one decision, the change feed, and what feeds, sitemaps and
snapshots list. Functions take a session (a read-only one is enough) and never write.

Search (see :mod:`gongkai.publication.index` for the index itself):

- ``q`` is split on whitespace into terms; a decision matches when **every** term is a
  substring of its redacted text (case-insensitive). Terms of any length work, including one
  and two Chinese characters (超速, 酒驾, 居留).
- Filters: agency, violation type, penalty type, law, decision-date range, fine range (fen).
- Sorting: by decision date or by fine, either way; ties broken by the row id, so the order is
  total and keyset pagination neither repeats nor skips a row.
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
from .models import ChangeEntry, PublishedDecision, PublishedStatus

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_PAGE_SIZE = 500


class InvalidQuery(ValueError):
    """A search, cursor or change-feed position that cannot be used (message in Chinese, fit
    for a reader)."""


# --- the query ------------------------------------------------------------------------------
SORTS: dict[str, tuple[str, bool]] = {
    # name: (column, descending)
    "date_desc": ("decision_date", True),
    "date_asc": ("decision_date", False),
    "fine_desc": ("fine_amount_fen", True),
    "fine_asc": ("fine_amount_fen", False),
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


def _sort(query: SearchQuery) -> tuple[str, bool]:
    """(column name, descending) of the query's order."""
    return SORTS[query.sort]


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
    after: tuple[Any, int] | None = None,
) -> list[int]:
    d = PublishedDecision
    name, descending = _sort(query)
    where = _conditions(session, query)
    if after is not None:
        position = tuple_(getattr(d, name), d.id)
        where.append(position < after if descending else position > after)
    narrow = (
        _dialect(session) == "postgresql"
        and bool(query.terms)
        and _sql_count(session, query, PG_SORT_LIMIT) <= PG_SORT_LIMIT
    )
    if not narrow:
        column = getattr(d, name)
        order = (column.desc(), d.id.desc()) if descending else (column.asc(), d.id.asc())
        statement = select(d.id).where(*where).order_by(*order).limit(limit).offset(offset)
        return list(session.scalars(statement))
    matches = (
        select(d.id, getattr(d, name).label("key"))
        .where(*where)
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    key, row_id = matches.c.key, matches.c.id
    order = (key.desc(), row_id.desc()) if descending else (key.asc(), row_id.asc())
    with _bitmap_only(session, query):
        return list(session.scalars(select(row_id).order_by(*order).limit(limit).offset(offset)))


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
# With the date order, FTS5 walks the matches in rowid (= date, id) order and stops after the
# page. With the fine order, a search of at most FTS_SORT_LIMIT matches sorts them (about
# 1.5 µs a match); a larger one walks the fine index and checks each row against the matches.
FTS_SORT_LIMIT = 10_000
_KEY_MASK = index.ID_MASK


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
        source += (
            f" JOIN published_decisions AS d ON d.id = ({index.FTS_TABLE}.rowid & {_KEY_MASK})"
        )
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
    after: tuple[Any, int] | None = None,
) -> list[int]:
    name, descending = _sort(query)
    params: dict[str, Any] = {"match": match, "limit": limit, "offset": offset}
    if name == "decision_date":
        return _fts_ids_by_date(session, query, params, descending, after)
    return _fts_ids_by_fine(session, match, query, params, descending, after)


def _fts_ids_by_date(
    session: Session,
    query: SearchQuery,
    params: dict[str, Any],
    descending: bool,
    after: tuple[Any, int] | None,
) -> list[int]:
    """FTS5 walks the matches in key order and stops after the page."""
    source, where = _fts_from(query, params)
    if after is not None:
        params["after_key"] = index.fts_key(after[0], after[1])
        where.append(f"{index.FTS_TABLE}.rowid {'<' if descending else '>'} :after_key")
    sql = (
        f"SELECT {index.FTS_TABLE}.rowid FROM {source} WHERE {' AND '.join(where)} "
        f"ORDER BY {index.FTS_TABLE}.rowid {'DESC' if descending else 'ASC'} "
        "LIMIT :limit OFFSET :offset"
    )
    return [int(key) & _KEY_MASK for key in session.scalars(text(sql), params)]


def _fts_ids_by_fine(
    session: Session,
    match: str,
    query: SearchQuery,
    params: dict[str, Any],
    descending: bool,
    after: tuple[Any, int] | None,
) -> list[int]:
    direction = "DESC" if descending else "ASC"
    keyset = ""
    if after is not None:
        params["after_fine"], params["after_id"] = after
        keyset = (
            f" AND (d.fine_amount_fen, d.id) {'<' if descending else '>'} (:after_fine, :after_id)"
        )
    order = f"ORDER BY d.fine_amount_fen {direction}, d.id {direction} LIMIT :limit OFFSET :offset"
    unfined = replace(query, fine_min_fen=None, fine_max_fen=None)
    if _fts_count(session, match, unfined, FTS_SORT_LIMIT) <= FTS_SORT_LIMIT:
        # Few matches: read them all with their fines (the (id, fine) index), sort.
        source, where = _fts_from(query, params)
        if " JOIN " not in source:
            source += (
                f" JOIN published_decisions AS d ON d.id = ({index.FTS_TABLE}.rowid & {_KEY_MASK})"
            )
        sql = f"SELECT d.id FROM {source} WHERE {' AND '.join(where)}{keyset} {order}"
        return list(session.scalars(text(sql), params))
    # Many matches: walk the (status, fine, id, date) index, each row's key looked up in the
    # matches (read once into a temporary b-tree), until the page is full.
    where = ["d.status = 'published'"]
    if query.date_from is not None:
        params["date_from"] = query.date_from.isoformat()
        where.append("d.decision_date >= :date_from")
    if query.date_to is not None:
        params["date_to"] = query.date_to.isoformat()
        where.append("d.decision_date <= :date_to")
    if query.fine_min_fen is not None:
        params["fine_min"] = query.fine_min_fen
        where.append("d.fine_amount_fen >= :fine_min")
    if query.fine_max_fen is not None:
        params["fine_max"] = query.fine_max_fen
        where.append("d.fine_amount_fen <= :fine_max")
    where.append(
        f"{index.SQL_FTS_KEY} IN "
        f"(SELECT rowid FROM {index.FTS_TABLE} WHERE {index.FTS_TABLE} MATCH :match)"
    )
    sql = (
        "SELECT d.id FROM published_decisions AS d "
        "INDEXED BY ix_published_decisions_status_fine_amount_fen_id_decision_date "
        f"WHERE {' AND '.join(where)}{keyset} {order}"
    )
    return list(session.scalars(text(sql), params))


# --- searching ------------------------------------------------------------------------------
def _ids(
    session: Session,
    query: SearchQuery,
    *,
    limit: int,
    offset: int = 0,
    after: tuple[Any, int] | None = None,
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
    name, _ = _sort(query)
    value = getattr(row, name)
    key = value.isoformat() if isinstance(value, dt.date) else int(value)
    raw = json.dumps({"s": query.sort, "k": key, "i": row.id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(query: SearchQuery, cursor: str) -> tuple[Any, int]:
    """The (sort key, id) a cursor points after; :class:`InvalidQuery` if it is not one of
    ours or belongs to another sort order."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        sort, key, row_id = data["s"], data["k"], data["i"]
        if sort != query.sort or not isinstance(row_id, int) or isinstance(row_id, bool):
            raise ValueError(sort)
        if not 0 <= row_id <= _KEY_MASK:
            raise ValueError(row_id)
        if SORTS[sort][0] == "decision_date":
            return dt.date.fromisoformat(key), row_id
        if not isinstance(key, int) or isinstance(key, bool) or abs(key) > 2**62:
            raise ValueError(key)
        return key, row_id
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


def withdrawal_count(session: Session) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(PublishedDecision)
            .where(PublishedDecision.status == PublishedStatus.WITHDRAWN.value)
        ).scalar_one()
    )


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
    return int(
        session.execute(
            select(func.count())
            .select_from(PublishedDecision)
            .where(PublishedDecision.status == PublishedStatus.PUBLISHED.value)
        ).scalar_one()
    )


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
