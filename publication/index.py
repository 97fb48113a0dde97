"""The search index of a channel store: every published decision's redacted text, searchable for
any string of one or more characters (so 2-character Chinese queries such as 超速, 酒驾, 居留
match), and its filter values (agency, violation type, law, penalty types).

A search term matches a decision when the term, lower-cased, is a substring of the decision's
lower-cased redacted text. Both backends answer exactly that, so the same tests run on both.

**SQLite**: an index-only FTS5 table ``published_fts`` (``unicode61``, no stored content) with two
columns:

- ``body``: the text as overlapping pairs of characters, one token per position (``超速行驶`` →
  ``超速 速行 行驶 驶``, the last character alone). Letters and digits (ASCII) and CJK ideographs
  stand for themselves; every other character (punctuation, spaces, full-width forms, other
  scripts) is written ``\\ue000<hex code point>\\ue001``, so each character has exactly one
  spelling and nothing is ignored. A 2-character term is one token; a longer term is the phrase
  of its pairs (a phrase match *is* a substring match: nothing to confirm against the text); a
  1-character term is a prefix query served by FTS5's 1-character prefix index.
- ``tags``: one token per filter value (``ag``/``vt``/``lw``/``pt`` + 16 hex digits of a hash of
  the value), so ``q`` and the agency, violation, law and penalty filters are one FTS query;
  and the fine as a token (``fv`` + the amount in fen), so a search sorted by fine can ask for
  its matches one fine amount at a time, each in key order (see ``read._fts_ids_by_fine``).

The FTS rowid is not the row's id but :func:`fts_key` = (Julian day number of the decision date
<< 32) | id: FTS5 walks a match in rowid order, so "newest decisions first" pages stop after
the page instead of sorting every match, keyset cursors and date ranges are rowid ranges, and
the row id is the key's low 32 bits. A contentless table needs the indexed values back to delete
a row: :func:`remove` must be called *before* a row's indexed fields change (the writer does).

**PostgreSQL**: a generated ``tsvector`` column ``search_bigrams`` holding every distinct
overlapping pair of characters of ``lower(redacted_text)`` (and the last character alone), built
with ``array_to_tsvector`` so no text-search parser or locale decides what a word is; a GIN
index over published rows only. A 1-character term is a prefix query (``'超':*``), a
2-character term one lexeme, a longer term the AND of its pairs, confirmed with
``strpos(lower(redacted_text), term)``. Filters are plain columns (penalty types: a GIN index on
``penalty_types::jsonb``). The database fills the column itself: :func:`add` and :func:`remove`
do nothing there.

Only decisions with status ``published`` are in the index. Changing the tokenisation needs a
migration that rebuilds the index (:func:`rebuild`), as ``0002_search`` does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

FTS_TABLE = "published_fts"
PG_COLUMN = "search_bigrams"
PG_BIGRAMS_FUNCTION = "gongkai_bigrams"

ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
JULIAN_DAY_OF_ORDINAL_0 = 1721425  # date.toordinal() + this = Julian day number (SQLite's)

# Tag kinds: filter name → token prefix.
TAG_PREFIXES = {"agency": "ag", "violation_type": "vt", "law": "lw", "penalty_type": "pt"}


class Indexed(Protocol):
    """What the index reads of a row (a ``PublishedDecision``)."""

    id: int
    decision_date: dt.date
    redacted_text: str
    agency: str
    violation_type: str
    law: str
    penalty_types: Any
    fine_amount_fen: int


def normalise(value: str) -> str:
    """What the index sees of a text or a term: the text lower-cased."""
    return value.lower()


def _char(ch: str) -> str:
    if ch.isascii() and ch.isalnum():
        return ch
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return ch
    return f"\ue000{ord(ch):x}\ue001"


def _chars(value: str) -> list[str]:
    return [_char(ch) for ch in normalise(value)]


def body_tokens(value: str) -> str:
    """The ``body`` column: one token per position, the pair starting there (SQLite)."""
    chars = _chars(value)
    tokens = [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]
    if chars:
        tokens.append(chars[-1])
    return " ".join(tokens)


def tag(kind: str, value: str) -> str:
    """The token of one filter value, e.g. ``tag("law", "道路交通安全法")``."""
    prefix = TAG_PREFIXES[kind]
    return prefix + hashlib.sha256(f"{prefix}:{value}".encode()).hexdigest()[:16]


def fine_tag(fen: int) -> str:
    """The token of a fine amount in fen (``fv50000`` for 500 yuan)."""
    return f"fv{fen}" if fen >= 0 else f"fvn{-fen}"


def _penalties(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [str(v) for v in value or []]


def tag_tokens(row: Indexed) -> str:
    tags = [
        tag("agency", row.agency),
        tag("violation_type", row.violation_type),
        tag("law", row.law),
        *(tag("penalty_type", p) for p in dict.fromkeys(_penalties(row.penalty_types))),
        fine_tag(int(row.fine_amount_fen)),
    ]
    return " ".join(tags)


def julian_day(day: dt.date) -> int:
    return day.toordinal() + JULIAN_DAY_OF_ORDINAL_0


def fts_key(day: dt.date, row_id: int) -> int:
    """The FTS rowid of a row: ordered by decision date, then id."""
    if not 0 <= row_id <= ID_MASK:
        raise ValueError(f"row id {row_id} does not fit the index key")
    return (julian_day(day) << ID_BITS) | row_id


# The same key computed by SQLite from a row of published_decisions (alias ``d``).
SQL_FTS_KEY = f"((CAST(julianday(d.decision_date) + 0.5 AS INTEGER) << {ID_BITS}) | d.id)"


def term_query(term: str) -> str:
    """An FTS5 query for ``term`` in the ``body`` column. Tokens hold only ASCII letters and
    digits, CJK ideographs and the two private-use markers, so quoting needs no escaping."""
    chars = _chars(term)
    if len(chars) == 1:
        return f'body : "{chars[0]}" *'
    pairs = [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]
    return 'body : "' + " ".join(pairs) + '"'


def fts_query(terms: Iterable[str], tags: Iterable[str]) -> str | None:
    """The FTS5 query for all ``terms`` and ``tags`` together (``None``: nothing to match)."""
    parts = [term_query(t) for t in terms if t]
    parts += [f"tags : {t}" for t in tags]
    return " AND ".join(parts) if parts else None


def tsquery_for(term: str) -> tuple[str, bool]:
    """A PostgreSQL ``tsquery`` (text form, cast with ``CAST(:q AS tsquery)``) for ``term``
    and whether matches must be confirmed with ``strpos`` (terms of 3 characters or more)."""
    term = normalise(term)
    if len(term) == 1:
        return _quote(term) + ":*", False
    if len(term) == 2:
        return _quote(term), False
    pairs = list(dict.fromkeys(term[i : i + 2] for i in range(len(term) - 1)))
    return " & ".join(_quote(p) for p in pairs), True


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# --- schema -----------------------------------------------------------------------------------
# SQLite: no per-row column sizes (they serve only bm25 ranking, which the site does not use);
# a 1-character prefix index for 1-character queries.
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(body, tags, content='', columnsize=0, "
    "prefix='1', tokenize='unicode61 remove_diacritics 0')"
)

# PostgreSQL: pairs of adjacent characters, as lexemes (no parser, no positions). ``lead`` over
# the characters in order is linear in the text's length (``substr`` in a loop is quadratic on
# multibyte text).
PG_CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PG_BIGRAMS_FUNCTION}(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector)
    FROM (
        SELECT ch || lead(ch, 1, '') OVER (ORDER BY n) AS pair
        FROM unnest(string_to_array(body, NULL)) WITH ORDINALITY AS chars(ch, n)
    ) AS pairs
$$
"""


def create_index_sql(dialect: str) -> list[str]:
    """Statements creating the current index (used by migration ``0002_search``)."""
    if dialect == "sqlite":
        return [
            SQLITE_CREATE,
            # Fine filters checked on FTS matches without reading the rows.
            "CREATE INDEX ix_published_decisions_id_fine_amount_fen "
            "ON published_decisions (id, fine_amount_fen)",
            # The penalty filter's choices without reading the rows.
            "CREATE INDEX ix_published_decisions_status_penalty_types "
            "ON published_decisions (status, penalty_types)",
        ]
    if dialect == "postgresql":
        return [
            PG_CREATE_FUNCTION,
            f"ALTER TABLE published_decisions ADD COLUMN {PG_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({PG_BIGRAMS_FUNCTION}(lower(redacted_text))) STORED",
            f"CREATE INDEX ix_published_decisions_{PG_COLUMN} ON published_decisions "
            f"USING gin ({PG_COLUMN}) WHERE status = 'published'",
            "CREATE INDEX ix_published_decisions_penalty_types ON published_decisions "
            "USING gin ((CAST(penalty_types AS jsonb)) jsonb_path_ops) "
            "WHERE status = 'published'",
        ]
    return []


def drop_index_sql(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [
            f"DROP TABLE IF EXISTS {FTS_TABLE}",
            "DROP INDEX IF EXISTS ix_published_decisions_id_fine_amount_fen",
            "DROP INDEX IF EXISTS ix_published_decisions_status_penalty_types",
        ]
    if dialect == "postgresql":
        return [
            "DROP INDEX IF EXISTS ix_published_decisions_penalty_types",
            f"DROP INDEX IF EXISTS ix_published_decisions_{PG_COLUMN}",
            f"ALTER TABLE published_decisions DROP COLUMN IF EXISTS {PG_COLUMN}",
            f"DROP FUNCTION IF EXISTS {PG_BIGRAMS_FUNCTION}(text)",
        ]
    return []


class _Row:
    """A row read with plain SQL (migrations), shaped like :class:`Indexed`."""

    def __init__(self, values: Any) -> None:
        self.id, day, self.redacted_text, self.agency, self.violation_type, self.law = values[:6]
        pen, fine = values[6:]
        self.fine_amount_fen = int(fine)
        self.decision_date = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
        self.penalty_types = _penalties(pen)


def rebuild(connection: Connection, *, batch: int = 2_000, with_fine_tags: bool = True) -> int:
    """Index every published decision again (SQLite; PostgreSQL's column is generated), reading
    the rows in batches. Returns the number of rows indexed. ``with_fine_tags=False`` builds
    the index of migration 0002 (for its downgrade)."""
    if connection.dialect.name != "sqlite":
        return 0
    connection.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')"))
    select_batch = text(
        "SELECT id, decision_date, redacted_text, agency, violation_type, law, penalty_types, "
        "fine_amount_fen FROM published_decisions WHERE status = 'published' AND id > :after "
        "ORDER BY id LIMIT :batch"
    )
    insert = text(f"INSERT INTO {FTS_TABLE}(rowid, body, tags) VALUES (:key, :body, :tags)")
    indexed, after = 0, -1
    while rows := connection.execute(select_batch, {"after": after, "batch": batch}).fetchall():
        values = [_values(_Row(r)) for r in rows]
        if not with_fine_tags:
            for v in values:
                v["tags"] = " ".join(t for t in v["tags"].split() if not t.startswith("fv"))
        connection.execute(insert, values)
        indexed += len(rows)
        after = rows[-1][0]
    return indexed


def optimize(connection: Connection) -> None:
    """Merge the SQLite index's segments into one and refresh the planner's statistics (after a
    bulk load; optional, e.g. daily)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))
        connection.execute(text("ANALYZE"))


# --- writing (called by gongkai.publication.write) ----------------------------------------------
def _values(row: Indexed) -> dict[str, Any]:
    return {
        "key": fts_key(row.decision_date, row.id),
        "body": body_tokens(row.redacted_text),
        "tags": tag_tokens(row),
    }


def add(session: Session, row: Indexed) -> None:
    """Index a published row (after it is flushed: it needs its id)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(f"INSERT INTO {FTS_TABLE}(rowid, body, tags) VALUES (:key, :body, :tags)"),
            _values(row),
        )


def remove(session: Session, row: Indexed) -> None:
    """Take a row out of the index. Call it *before* changing the row's text, date or filter
    values: a contentless FTS5 table deletes by the values it indexed."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, body, tags) "
                "VALUES ('delete', :key, :body, :tags)"
            ),
            _values(row),
        )
