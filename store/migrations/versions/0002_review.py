"""Review app: staff accounts and sessions, corrections and annotations (append-only),
doubt resolutions, and the review batches' four-eyes and outcome columns.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("annotations", "corrections")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    for name, column in (
        ("last_edited_by", sa.Column("last_edited_by", sa.String(255), nullable=True)),
        ("last_edited_at", sa.Column("last_edited_at", sa.DateTime(timezone=True), nullable=True)),
        ("outcome", sa.Column("outcome", sa.String(32), nullable=True)),
        ("decided_by", sa.Column("decided_by", sa.String(255), nullable=True)),
        ("decided_at", sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True)),
        ("outcome_reason", sa.Column("outcome_reason", sa.Text(), nullable=True)),
    ):
        assert column.name == name
        op.add_column("review_batches", column)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("display_name", sa.String(255), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("role", ("reviewer", "approver", "admin")), name="ck_users_role"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_user_sessions_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_user_sessions"),
        sa.UniqueConstraint("token_hash", name="uq_user_sessions_token_hash"),
    )
    op.create_index("ix_user_sessions_user_id", "user_sessions", ["user_id"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_version_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entity_type", sa.String(32), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("scope", sa.String(32), nullable=False),
        sa.Column("undoes_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("action", ("mark", "unmark", "undo")), name="ck_corrections_action"),
        sa.CheckConstraint(_in("scope", ("decision", "batch")), name="ck_corrections_scope"),
        sa.ForeignKeyConstraint(
            ["record_version_id"],
            ["record_versions.id"],
            name="fk_corrections_record_version_id_record_versions",
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["review_batches.id"], name="fk_corrections_batch_id_review_batches"
        ),
        sa.ForeignKeyConstraint(
            ["undoes_id"], ["corrections.id"], name="fk_corrections_undoes_id_corrections"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_record_version_id", "corrections", ["record_version_id"])
    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_version_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(32), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("redaction_id", sa.Integer(), nullable=True),
        sa.Column("correction_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("action", ("redact", "keep")), name="ck_annotations_action"),
        sa.CheckConstraint(_in("origin", ("machine", "human")), name="ck_annotations_origin"),
        sa.CheckConstraint('"end" > start', name="ck_annotations_span"),
        sa.ForeignKeyConstraint(
            ["record_version_id"],
            ["record_versions.id"],
            name="fk_annotations_record_version_id_record_versions",
        ),
        sa.ForeignKeyConstraint(
            ["redaction_id"], ["redactions.id"], name="fk_annotations_redaction_id_redactions"
        ),
        sa.ForeignKeyConstraint(
            ["correction_id"], ["corrections.id"], name="fk_annotations_correction_id_corrections"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_annotations"),
    )
    op.create_index("ix_annotations_record_version_id", "annotations", ["record_version_id"])
    op.create_table(
        "doubt_resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("redaction_id", sa.Integer(), nullable=False),
        sa.Column("doubt_index", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["redaction_id"], ["redactions.id"], name="fk_doubt_resolutions_redaction_id_redactions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_doubt_resolutions"),
        sa.UniqueConstraint(
            "redaction_id", "doubt_index", name="uq_doubt_resolutions_redaction_id_doubt_index"
        ),
    )
    for table in APPEND_ONLY:
        _make_append_only(table)


def _make_append_only(table: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    elif dialect == "postgresql":
        # The function comes from revision 0001 (it only raises).
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )


def downgrade() -> None:
    op.drop_table("doubt_resolutions")
    op.drop_table("annotations")
    op.drop_table("corrections")
    op.drop_index("ix_user_sessions_user_id", table_name="user_sessions")
    op.drop_table("user_sessions")
    op.drop_table("users")
    with op.batch_alter_table("review_batches") as batch:
        for column in (
            "outcome_reason",
            "decided_at",
            "decided_by",
            "outcome",
            "last_edited_at",
            "last_edited_by",
        ):
            batch.drop_column(column)
