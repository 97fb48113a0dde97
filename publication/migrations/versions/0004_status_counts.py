"""Channel store: how many decisions stand in each status, kept by triggers in the same
transaction as every change, so the site's "all published decisions" count is one row read
instead of a count over every row (52 ms at 1,000,000 decisions).

Revision ID: c0004
Revises: c0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None

TABLE = "status_counts"
SQLITE_TRIGGERS = {
    "published_decisions_count_insert": f"""
        CREATE TRIGGER published_decisions_count_insert AFTER INSERT ON published_decisions
        BEGIN
            INSERT INTO {TABLE} (status, decisions) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET decisions = decisions + 1;
        END""",
    "published_decisions_count_delete": f"""
        CREATE TRIGGER published_decisions_count_delete AFTER DELETE ON published_decisions
        BEGIN
            UPDATE {TABLE} SET decisions = decisions - 1 WHERE status = OLD.status;
        END""",
    "published_decisions_count_update": f"""
        CREATE TRIGGER published_decisions_count_update AFTER UPDATE OF status
        ON published_decisions WHEN OLD.status IS NOT NEW.status
        BEGIN
            UPDATE {TABLE} SET decisions = decisions - 1 WHERE status = OLD.status;
            INSERT INTO {TABLE} (status, decisions) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET decisions = decisions + 1;
        END""",
}
PG_FUNCTION = f"""
CREATE FUNCTION gongkai_count_statuses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE {TABLE} SET decisions = decisions - 1 WHERE status = OLD.status;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO {TABLE} (status, decisions) VALUES (NEW.status, 1)
        ON CONFLICT (status) DO UPDATE SET decisions = {TABLE}.decisions + 1;
    END IF;
    RETURN NULL;
END
$$"""
PG_TRIGGERS = [
    "CREATE TRIGGER published_decisions_count_insert_delete AFTER INSERT OR DELETE "
    "ON published_decisions FOR EACH ROW EXECUTE FUNCTION gongkai_count_statuses()",
    "CREATE TRIGGER published_decisions_count_update AFTER UPDATE OF status "
    "ON published_decisions FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) "
    "EXECUTE FUNCTION gongkai_count_statuses()",
]


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("decisions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("status", name=f"pk_{TABLE}"),
    )
    op.execute(
        f"INSERT INTO {TABLE} (status, decisions) "
        "SELECT status, count(*) FROM published_decisions GROUP BY status"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER published_decisions_count_insert_delete ON published_decisions")
        op.execute("DROP TRIGGER published_decisions_count_update ON published_decisions")
        op.execute("DROP FUNCTION gongkai_count_statuses()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table(TABLE)
