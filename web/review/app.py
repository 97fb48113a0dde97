"""The review app's factory: ``create_app(Settings(...))``.

The app refuses to start on a store whose schema is missing or out of date
(:class:`gongkai.store.SchemaOutOfDate`, whose message says to run ``gongkai db upgrade``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from gongkai.store.db import make_engine, make_sessionmaker, require_current_schema

from . import errors
from .deps import verify_csrf
from .security import SecurityHeadersMiddleware
from .settings import Settings
from .templating import make_environment
from .views import routers

__all__ = ["RouteInfo", "Settings", "create_app", "route_table"]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (default: the configured store, secure cookies)."""
    settings = settings or Settings()
    # SQLite transactions begin IMMEDIATE (the store's default): page views write audit
    # entries (views of originals), and a deferred transaction that later writes can fail
    # outright when another writer got in between. Requests are short; writers queue.
    engine = make_engine(settings.resolved_database_url())
    try:
        require_current_schema(engine)
    except Exception:
        engine.dispose()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="公开 · 审核",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        # Every route, present and future: forms without the right CSRF token are refused.
        dependencies=[Depends(verify_csrf)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_sessionmaker(engine)
    app.state.templates = make_environment()

    errors.install(app)
    for router in routers():
        app.include_router(router)
    static_dir = files("gongkai.web.review") / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.cookie_secure)
    return app


@dataclass(frozen=True, order=True)
class RouteInfo:
    method: str
    path: str
    name: str


def route_table(app: FastAPI) -> list[RouteInfo]:
    """Every (method, path) the app answers, included routers flattened; static files left
    out. FastAPI ≥ 0.137 keeps included routers as nodes of ``app.routes``: its public
    ``iter_route_contexts`` flattens them (older versions already have a flat list)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # pragma: no cover - FastAPI < 0.137.2
        candidates: Iterable[Any] = app.routes
    else:
        candidates = iter_route_contexts(app.routes)
    table = []
    for route in candidates:
        methods = getattr(route, "methods", None)
        path = getattr(route, "path", None)
        if not methods or path is None:
            continue
        table.extend(RouteInfo(m, path, getattr(route, "name", "") or "") for m in methods)
    return sorted(table)
