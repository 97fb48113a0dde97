"""Publication: what each channel holds of each decision, channel openings per agency, and
readers' problem reports collected from the channel stores.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the model enumerations as they were at this revision.
CHANNELS = ("pilot", "public")
CHANNEL_STATUSES = ("published", "withdrawn", "expired", "hidden")
REPORT_KINDS = ("leak", "error")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("rule_id", sa.String(64), nullable=True),
        sa.CheckConstraint(_in("channel", CHANNELS), name="ck_publications_channel"),
        sa.CheckConstraint(_in("status", CHANNEL_STATUSES), name="ck_publications_status"),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name="fk_publications_decision_id_decisions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_publications"),
        sa.UniqueConstraint("decision_id", "channel", name="uq_publications_decision_id_channel"),
    )
    op.create_index("ix_publications_public_id", "publications", ["public_id"])
    op.create_index("ix_publications_status", "publications", ["status"])
    op.create_table(
        "channel_openings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("agency", sa.String(255), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("opened_by", sa.String(255), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("channel", CHANNELS), name="ck_channel_openings_channel"),
        sa.CheckConstraint(
            _in("source", ("command", "settings")), name="ck_channel_openings_source"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_channel_openings"),
        sa.UniqueConstraint("channel", "agency", name="uq_channel_openings_channel_agency"),
    )
    op.create_table(
        "problem_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("channel_report_id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_by", sa.String(255), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handling_note", sa.Text(), nullable=True),
        sa.CheckConstraint(_in("channel", CHANNELS), name="ck_problem_reports_channel"),
        sa.CheckConstraint(_in("kind", REPORT_KINDS), name="ck_problem_reports_kind"),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name="fk_problem_reports_decision_id_decisions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_problem_reports"),
        sa.UniqueConstraint(
            "channel",
            "channel_report_id",
            name="uq_problem_reports_channel_channel_report_id",
        ),
    )
    op.create_index("ix_problem_reports_decision_id", "problem_reports", ["decision_id"])


def downgrade() -> None:
    op.drop_index("ix_problem_reports_decision_id", table_name="problem_reports")
    op.drop_table("problem_reports")
    op.drop_table("channel_openings")
    op.drop_index("ix_publications_status", table_name="publications")
    op.drop_index("ix_publications_public_id", table_name="publications")
    op.drop_table("publications")
