"""Dialect-aware statements the data functions share (SQLite and PostgreSQL only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import Base


def _insert_for(session: Session, model: type[Base]) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"the store supports SQLite and PostgreSQL, not {dialect}")


def insert_ignore(
    session: Session,
    model: type[Base],
    values: Mapping[str, Any],
    conflict_columns: Sequence[str],
) -> int | None:
    """Insert a row unless one with the same ``conflict_columns`` exists (a unique constraint).

    Returns the new row's id, or ``None`` when the row was already there. The database decides,
    so two concurrent writers can never both insert.
    """
    statement = (
        _insert_for(session, model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(conflict_columns))
        .returning(model.__table__.c.id)
    )
    return session.execute(statement).scalar_one_or_none()


def upsert(
    session: Session,
    model: type[Base],
    values: Mapping[str, Any],
    conflict_columns: Sequence[str],
) -> int:
    """Insert a row, or update the existing one with the same ``conflict_columns``; its id."""
    statement = _insert_for(session, model).values(**values)
    updates = {k: statement.excluded[k] for k in values if k not in conflict_columns}
    statement = statement.on_conflict_do_update(
        index_elements=list(conflict_columns), set_=updates
    ).returning(model.__table__.c.id)
    return int(session.execute(statement).scalar_one())
