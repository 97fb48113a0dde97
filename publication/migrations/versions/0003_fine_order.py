"""Channel store: searches sorted by fine break ties by decision date (then id), like the FTS key,
and the SQLite index holds each decision's fine as a token, so a fine-sorted search with many
matches reads them one fine amount at a time in key order instead of sorting them all.

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

from gongkai.publication import index

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None

OLD_INDEX = ("ix_published_decisions_status_fine_amount_fen_id_decision_date", "id")
NEW_INDEX = ("ix_published_decisions_status_fine_amount_fen_decision_date_id", "decision_date")


def _swap(drop: tuple[str, str], create: tuple[str, str]) -> None:
    op.drop_index(drop[0], "published_decisions")
    tail = ["decision_date", "id"] if create[1] == "decision_date" else ["id", "decision_date"]
    op.create_index(create[0], "published_decisions", ["status", "fine_amount_fen", *tail])


def upgrade() -> None:
    _swap(OLD_INDEX, NEW_INDEX)
    index.rebuild(op.get_bind())


def downgrade() -> None:
    _swap(NEW_INDEX, OLD_INDEX)
    index.rebuild(op.get_bind(), with_fine_tags=False)
