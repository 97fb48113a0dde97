"""Security plumbing of the public site: response headers (the review app's approach, with a
public site's caching and indexing rules) and the signed token of the problem-report form."""

from __future__ import annotations

import hashlib
import hmac
import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No script at all, no inline style (templates use classes, never ``style=``); forms post only
# to this site; no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

STATIC_PREFIX = "/static/"
NOINDEX = "noindex"


class SecurityHeadersMiddleware:
    """Adds the security headers to every response. Dynamic responses are ``no-store``: a
    decision hidden after a leak report must not live on in a shared cache. ``noindex_all``
    (the intranet pilot) adds ``X-Robots-Tag: noindex`` everywhere."""

    def __init__(self, app: ASGIApp, *, hsts: bool, noindex_all: bool) -> None:
        self.app = app
        self.hsts = hsts
        self.noindex_all = noindex_all

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if self.hsts:
                    headers["Strict-Transport-Security"] = "max-age=31536000"
                if self.noindex_all:
                    headers["X-Robots-Tag"] = NOINDEX
                if static:
                    headers["Cache-Control"] = "public, max-age=3600"
                else:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- the problem-report form's token ---------------------------------------------------------
# ``<issued unix time>.<signature>``, signed over the decision's public id and the time: a form
# posted for another decision, too old, or forged is refused. Not a secret from the reader (the
# form is anonymous); it makes blind scripted posting cost a page load each time.


def _signature(secret: bytes, public_id: str, issued: int) -> str:
    message = f"report:{public_id}:{issued}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def report_token(secret: bytes, public_id: str, *, now: float | None = None) -> str:
    issued = int(now if now is not None else time.time())
    return f"{issued}.{_signature(secret, public_id, issued)}"


def report_token_is_valid(
    secret: bytes, public_id: str, token: str | None, *, max_age: float, now: float | None = None
) -> bool:
    if not token or "." not in token:
        return False
    issued_text, _, signature = token.partition(".")
    if not issued_text.isdigit():
        return False
    issued = int(issued_text)
    current = now if now is not None else time.time()
    if issued > current + 60 or current - issued > max_age:
        return False
    expected = _signature(secret, public_id, issued)
    return hmac.compare_digest(expected.encode(), signature.encode(errors="replace"))
