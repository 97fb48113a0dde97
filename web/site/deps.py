"""What the public site's routes use: the read-only session, page rendering, the client's
address, rate limits, and the base URL for absolute links.

    @router.get("/decisions/{public_id}", name="decision")
    def decision_page(request: Request, public_id: str, session: ReadSession): ...
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from .settings import Settings


class RateLimited(Exception):
    """Too many requests from one address: 429 with ``Retry-After``."""

    def __init__(self, retry_after: float) -> None:
        super().__init__("rate limited")
        self.retry_after = max(1, math.ceil(retry_after))


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def read_session(request: Request) -> Iterator[Session]:
    """A session on the read-only engine, closed (rolled back) after the request."""
    with request.app.state.read_sessions() as session:
        yield session


ReadSession = Annotated[Session, Depends(read_session)]


def client_key(request: Request) -> str:
    """The client's address (behind a proxy, uvicorn's ``--proxy-headers`` sets it)."""
    return request.client.host if request.client else "unknown"


def limit_searches(request: Request) -> None:
    wait = request.app.state.search_limiter.take(client_key(request))
    if wait > 0:
        raise RateLimited(wait)


SearchLimit = Depends(limit_searches)


def base_url(request: Request) -> str:
    """The site's absolute address without a trailing slash (settings, else the request's)."""
    configured = get_settings(request).base_url
    return (configured or str(request.base_url)).rstrip("/")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def render(
    request: Request,
    template_name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a page with what every page needs: ``request``, ``channel``, ``channel_label``,
    ``noindex`` (default: the pilot channel is never indexed) and ``path_for``."""
    app = request.app
    values: dict[str, Any] = {
        "request": request,
        "channel": app.state.channel,
        "channel_label": app.state.channel_label,
        "noindex": app.state.channel != "public",
        "path_for": lambda route, /, **params: app.url_path_for(route, **params),
    }
    values.update(context or {})
    html = app.state.templates.get_template(template_name).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    if values["noindex"]:
        response.headers["X-Robots-Tag"] = "noindex"
    return response
