"""Channel store engines and migrations.

Each channel has its own database: ``GONGKAI_PILOT_DATABASE_URL`` / ``GONGKAI_PUBLIC_DATABASE_URL``,
else a SQLite file ``channel-<name>.sqlite`` in the data directory. The public site opens its
store read-only (SQLite ``mode=ro``; on PostgreSQL give the site a role with SELECT only, plus
INSERT on ``problem_reports``).
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from gongkai.store.db import data_dir, make_engine, normalise_url

CHANNELS = ("pilot", "public")
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class ChannelSchemaOutOfDate(RuntimeError):
    """The channel store's schema is not at the revision this code expects."""


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
        return make_engine(ro, sqlite_immediate=False)
    return make_engine(target)


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_channel(engine: Engine) -> None:
    command.upgrade(_config(engine), "head")


def require_current_channel_schema(engine: Engine) -> None:
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head:
        raise ChannelSchemaOutOfDate(
            f"The channel store at {engine.url.render_as_string(hide_password=True)} is at "
            f"revision {current}; this version needs {head}. Run `gongkai db upgrade`."
        )
