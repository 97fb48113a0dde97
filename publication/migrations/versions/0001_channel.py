"""Channel store: published decisions, change feed, problem reports, full-text index.

Revision ID: c0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("source_id", sa.String(128), nullable=False),
        sa.Column("decision_no", sa.String(255), nullable=False),
        sa.Column("agency", sa.String(255), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("violation_type", sa.String(255), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("law", sa.String(255), nullable=False),
        sa.Column("penalty_types", sa.JSON(), nullable=False),
        sa.Column("fine_amount_fen", sa.Integer(), nullable=False),
        sa.Column("redacted_text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("first_published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("notice", sa.Text(), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('published', 'withdrawn', 'expired', 'hidden')",
            name="ck_published_decisions_status",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_published_decisions"),
        sa.UniqueConstraint("public_id", name="uq_published_decisions_public_id"),
        sa.UniqueConstraint("source_id", name="uq_published_decisions_source_id"),
    )
    op.create_index("ix_published_decisions_agency", "published_decisions", ["agency"])
    op.create_index(
        "ix_published_decisions_decision_date", "published_decisions", ["decision_date"]
    )
    op.create_index("ix_published_decisions_status", "published_decisions", ["status"])
    op.create_index(
        "ix_published_decisions_status_decision_date",
        "published_decisions",
        ["status", "decision_date"],
    )
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('published', 'corrected', 'withdrawn', 'expired', 'hidden', 'restored')",
            name="ck_changes_kind",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_changes"),
    )
    op.create_index("ix_changes_public_id", "changes", ["public_id"])
    op.create_table(
        "problem_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('leak', 'error')", name="ck_problem_reports_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_problem_reports"),
    )
    op.create_index("ix_problem_reports_public_id", "problem_reports", ["public_id"])
    if op.get_bind().dialect.name == "sqlite":
        # The first index (replaced by 0002_search): punctuation ignored, rows with sizes.
        op.execute(
            "CREATE VIRTUAL TABLE published_fts USING fts5("
            "body, content='', tokenize='unicode61 remove_diacritics 0')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS published_fts")
    op.drop_table("problem_reports")
    op.drop_table("changes")
    op.drop_table("published_decisions")
