"""Channel store engines and migrations.

Each channel has its own database: ``GONGKAI_PILOT_DATABASE_URL`` / ``GONGKAI_PUBLIC_DATABASE_URL``,
else a SQLite file ``channel-<name>.sqlite`` in the data directory. The public site opens its
store read-only (SQLite ``mode=ro``; on PostgreSQL give the site a role with SELECT only, plus
INSERT on ``problem_reports``).

The engine helpers here are the channel stores' own, not the internal store's
(``gongkai.store.db``): the public site imports this module, and must never load the internal
store. They follow the same settings (``GONGKAI_DATA_DIR``; ``postgres://`` URLs accepted).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

CHANNELS = ("pilot", "public")
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DATA_DIR_ENV = "GONGKAI_DATA_DIR"  # the internal store's data directory too

# How long a SQLite connection waits for a writer before giving up ("database is locked").
SQLITE_BUSY_TIMEOUT_MS = 30_000


class ChannelSchemaOutOfDate(RuntimeError):
    """The channel store's schema is not at the revision this code expects."""


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or "data")


def normalise_url(url: str | URL) -> URL:
    """Accept ``postgres://`` and plain ``postgresql://`` URLs; use the psycopg 3 driver."""
    if isinstance(url, str) and url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _make_engine(url: URL, *, read_only: bool) -> Engine:
    """An engine on ``url``. SQLite read-write: WAL, foreign keys, busy timeout, and every
    transaction ``BEGIN IMMEDIATE`` (writers queue instead of failing on a stale snapshot).
    SQLite read-only: nothing that writes to the file: no ``journal_mode`` (switching a
    store to WAL is a write, refused on a read-only connection), ``query_only`` on, plain
    deferred transactions."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = url.database
    if not read_only and database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Settings of this connection only: they write nothing to the database file.
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Persistent, stored in the file: only a connection that may write sets it.
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    begin = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def channel_url(channel: str) -> URL:
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
    configured = os.environ.get(f"GONGKAI_{channel.upper()}_DATABASE_URL")
    if configured:
        return normalise_url(configured)
    return URL.create("sqlite", database=str(data_dir() / f"channel-{channel}.sqlite"))


def open_channel(channel: str, url: str | URL | None = None, *, read_only: bool = False) -> Engine:
    """An engine on the channel's store (``read_only``: SQLite opened with ``mode=ro``)."""
    target = normalise_url(url) if url is not None else channel_url(channel)
    if read_only and target.get_backend_name() == "sqlite" and target.database:
        path = Path(target.database).resolve()
        ro = URL.create("sqlite", database=f"file:{path}?mode=ro", query={"uri": "true"})
        return _make_engine(ro, read_only=True)
    return _make_engine(target, read_only=False)


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_channel(engine: Engine) -> None:
    command.upgrade(_config(engine), "head")


def channel_head_revision() -> str | None:
    """The newest channel-store migration this code ships."""
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def current_channel_revision(engine: Engine) -> str | None:
    """The revision the channel store is at (``None``: no schema)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def require_current_channel_schema(engine: Engine) -> None:
    head = channel_head_revision()
    current = current_channel_revision(engine)
    if current != head:
        raise ChannelSchemaOutOfDate(
            f"The channel store at {engine.url.render_as_string(hide_password=True)} is at "
            f"revision {current}; this version needs {head}. Run `gongkai db upgrade`."
        )
