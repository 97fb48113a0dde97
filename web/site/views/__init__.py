"""One module per page kind, each with a ``router``; :func:`routers` lists them in the order
they are included (specific paths before general ones)."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    from . import api, data, decisions, feeds, report, search

    return [search.router, report.router, decisions.router, api.router, feeds.router, data.router]
