"""The public site's factory: ``create_app(channel, Settings(...))``.

The app connects only to its channel's store, through :mod:`gongkai.publication`: a read-only
engine for every page (SQLite opened ``mode=ro``; on PostgreSQL every transaction is
``READ ONLY``) and a read-write engine used only to store problem reports and to hide a decision
reported to leak personal data. It refuses to start on a store whose schema is not current
(:class:`gongkai.publication.ChannelSchemaOutOfDate`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker
from starlette.middleware.trustedhost import TrustedHostMiddleware

from gongkai.publication.db import (
    CHANNELS,
    ChannelSchemaOutOfDate,
    open_channel,
    require_current_channel_schema,
)

from . import errors
from .ratelimit import TokenBucket
from .security import SecurityHeadersMiddleware
from .settings import Settings
from .templating import CHANNEL_LABELS, make_environment
from .views import routers

__all__ = ["Settings", "create_app"]


def _read_only_transactions(engine: Engine) -> None:
    """PostgreSQL: every transaction of this engine is READ ONLY (SQLite uses ``mode=ro``)."""
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")


def create_app(channel: str, settings: Settings | None = None) -> FastAPI:
    """Build the site of ``channel`` (``pilot`` or ``public``)."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
    settings = settings or Settings()
    url = settings.resolved_database_url(channel)
    reader = open_channel(channel, url, read_only=True)
    writer: Engine | None = None
    try:
        try:
            require_current_channel_schema(reader)
        except OperationalError as exc:  # no store there, or not one a reader can open
            raise ChannelSchemaOutOfDate(
                f"The channel store at {reader.url.render_as_string(hide_password=True)} cannot "
                f"be read ({exc.orig}). Run `gongkai db upgrade`."
            ) from exc
        _read_only_transactions(reader)
        writer = open_channel(channel, url)
    except Exception:
        reader.dispose()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.dispose()
        if writer is not None:
            writer.dispose()

    app = FastAPI(
        title="公安行政处罚决定公开",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.channel = channel
    app.state.channel_label = CHANNEL_LABELS[channel]
    app.state.settings = settings
    app.state.read_engine = reader
    app.state.write_engine = writer
    app.state.read_sessions = sessionmaker(reader, expire_on_commit=False)
    app.state.write_sessions = sessionmaker(writer, expire_on_commit=False)
    app.state.templates = make_environment()
    app.state.snapshot_dir = settings.resolved_snapshot_dir(channel)
    app.state.search_limiter = TokenBucket(settings.search_per_minute / 60, settings.search_burst)
    app.state.report_limiter = TokenBucket(settings.reports_per_hour / 3600, settings.report_burst)

    errors.install(app)
    for router in routers():
        app.include_router(router)
    static_dir = files("gongkai.web.site") / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(
        SecurityHeadersMiddleware, hsts=settings.hsts, noindex_all=channel != "public"
    )
    return app


def dispose(app: FastAPI) -> None:
    """Close the app's engines (tests; the lifespan does it when served)."""
    app.state.read_engine.dispose()
    if app.state.write_engine is not None:
        app.state.write_engine.dispose()
