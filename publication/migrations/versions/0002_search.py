"""Channel store: the search index of ``gongkai.publication.index`` (an FTS5 table of character
pairs and filter tags keyed by decision date on SQLite; a generated character-pair ``tsvector``
and GIN indexes on PostgreSQL), indexes for keyset pagination by date and by fine, and for the
agency/violation/law filters.

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from gongkai.publication import index

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None

SORT_INDEXES = {
    "ix_published_decisions_status_decision_date_id_fine_amount_fen": [
        "status",
        "decision_date",
        "id",
        "fine_amount_fen",
    ],
    "ix_published_decisions_status_fine_amount_fen_id_decision_date": [
        "status",
        "fine_amount_fen",
        "id",
        "decision_date",
    ],
    "ix_published_decisions_status_agency": ["status", "agency"],
    "ix_published_decisions_status_violation_type": ["status", "violation_type"],
    "ix_published_decisions_status_law": ["status", "law"],
}
REPLACED_INDEXES = {
    "ix_published_decisions_status_decision_date": ["status", "decision_date"],
    "ix_published_decisions_agency": ["agency"],
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name in REPLACED_INDEXES:
        op.drop_index(name, "published_decisions")
    for name, columns in SORT_INDEXES.items():
        op.create_index(name, "published_decisions", columns)
    if dialect == "sqlite":
        # New columns and tokenisation: index every published row again, in a new table.
        op.execute("DROP TABLE published_fts")
    for statement in index.create_index_sql(dialect):
        op.execute(statement)
    index.rebuild(op.get_bind(), with_fine_tags=False)  # 0003 adds them


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in index.drop_index_sql(dialect):
        op.execute(statement)
    if dialect == "sqlite":
        # Back to 0001's index, rebuilt with 0001's tokenisation (punctuation ignored).
        op.execute(
            "CREATE VIRTUAL TABLE published_fts USING fts5("
            "body, content='', tokenize='unicode61 remove_diacritics 0')"
        )
        connection = op.get_bind()
        rows = connection.execute(
            text("SELECT id, redacted_text FROM published_decisions WHERE status = 'published'")
        ).fetchall()
        for row_id, body in rows:
            connection.execute(
                text("INSERT INTO published_fts(rowid, body) VALUES (:id, :body)"),
                {"id": row_id, "body": _spaced_0001(body)},
            )
    for name in SORT_INDEXES:
        op.drop_index(name, "published_decisions")
    for name, columns in REPLACED_INDEXES.items():
        op.create_index(name, "published_decisions", columns)


def _spaced_0001(value: str) -> str:
    return " ".join(ch if ch.isalnum() else "" for ch in value.lower()).strip()
