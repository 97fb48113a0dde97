"""Engines, sessions and the schema check.

SQLite file by default (``$GONGKAI_DATA_DIR/gongkai.sqlite``, ``./data`` when unset);
``GONGKAI_DATABASE_URL`` points at PostgreSQL (or another SQLite file) instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

DATA_DIR_ENV = "GONGKAI_DATA_DIR"
DATABASE_URL_ENV = "GONGKAI_DATABASE_URL"
SQLITE_FILE_NAME = "gongkai.sqlite"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# How long a SQLite connection waits for another writer before giving up ("database is locked").
SQLITE_BUSY_TIMEOUT_MS = 30_000


class SchemaOutOfDate(RuntimeError):
    """The database schema is not at the revision this code expects."""


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or "data")


def database_url() -> URL:
    """The configured database: ``GONGKAI_DATABASE_URL``, else the SQLite file in the data dir."""
    configured = os.environ.get(DATABASE_URL_ENV)
    if configured:
        return normalise_url(configured)
    return URL.create("sqlite", database=str(data_dir() / SQLITE_FILE_NAME))


def normalise_url(url: str | URL) -> URL:
    """Accept ``postgres://`` and plain ``postgresql://`` URLs; use the psycopg 3 driver."""
    if isinstance(url, str) and url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(
    url: str | URL | None = None, *, sqlite_immediate: bool = True, **kwargs: Any
) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`).

    SQLite connections get WAL, foreign keys and a busy timeout. With ``sqlite_immediate``
    (the default) every SQLite transaction starts with ``BEGIN IMMEDIATE``, i.e. takes the
    write lock up front: concurrent writers then queue on the busy timeout instead of failing
    when a read snapshot turns stale. Pass ``False`` for read-mostly users (a web app).
    """
    parsed = normalise_url(url) if url is not None else database_url()
    if parsed.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(parsed, **kwargs)
    if (
        parsed.database
        and parsed.database != ":memory:"
        and not parsed.database.startswith("file:")
    ):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, **kwargs)
    _configure_sqlite(engine, begin="BEGIN IMMEDIATE" if sqlite_immediate else "BEGIN")
    return engine


def _configure_sqlite(engine: Engine, *, begin: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for data functions; callers own the transaction (``with factory.begin() as s``)."""
    return sessionmaker(engine, expire_on_commit=False)


def head_revision() -> str:
    """The newest migration this code ships."""
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def require_current_schema(engine: Engine) -> None:
    """Refuse to work on a database whose schema is missing or out of date."""
    current = current_revision(engine)
    head = head_revision()
    if current != head:
        found = "no schema" if current is None else f"schema revision {current}"
        raise SchemaOutOfDate(
            f"The database at {engine.url.render_as_string(hide_password=True)} has {found}; "
            f"this version of Gongkai needs revision {head}. Run `gongkai db upgrade`."
        )
