"""Security plumbing that is not a dependency: response headers, cookies, the login form's
CSRF token, and the check on ``next`` URLs."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import Settings

# No inline script or style anywhere (templates use classes, never ``style=`` attributes);
# forms post only to this app; no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
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
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

STATIC_PREFIX = "/static/"


class SecurityHeadersMiddleware:
    """Adds the security headers to every response. Everything but static files is also
    ``Cache-Control: no-store``: pages may show originals, which must not linger in caches."""

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

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
                if static:
                    headers.setdefault("Cache-Control", "no-cache")
                else:
                    headers["Cache-Control"] = "no-store"
                    headers["Pragma"] = "no-cache"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def set_cookie(response: Response, settings: Settings, name: str, value: str) -> None:
    """A browser-session cookie: HttpOnly, SameSite=Strict, Secure per settings, path /."""
    response.set_cookie(
        name,
        value,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )


def delete_cookie(response: Response, settings: Settings, name: str) -> None:
    response.delete_cookie(
        name, path="/", secure=settings.cookie_secure, httponly=True, samesite="strict"
    )


# The login form has no session yet: its CSRF token is a signed double submit. The same
# value sits in an HttpOnly cookie and in the form; a POST must bring both, equal and signed
# by this process's secret (so a cookie planted by someone else does not pass).


def _signature(settings: Settings, nonce: str) -> str:
    return hmac.new(settings.secret_key, nonce.encode(), hashlib.sha256).hexdigest()


def new_login_token(settings: Settings) -> str:
    nonce = secrets.token_hex(16)
    return f"{nonce}.{_signature(settings, nonce)}"


def login_token_is_valid(settings: Settings, token: str | None) -> bool:
    if not token or "." not in token:
        return False
    nonce, _, signature = token.partition(".")
    return hmac.compare_digest(
        _signature(settings, nonce).encode(), signature.encode(errors="replace")
    )


def login_token_for(request: Request) -> str:
    """The pre-session token to put in a form: the browser's cookie if valid, else a new one
    (remembered on ``request.state`` so that :func:`deps.render` sets the cookie)."""
    settings: Settings = request.app.state.settings
    existing = getattr(request.state, "new_login_token", None)
    if existing:
        return existing
    cookie = request.cookies.get(settings.login_csrf_cookie)
    if login_token_is_valid(settings, cookie):
        return cookie  # type: ignore[return-value]
    token = new_login_token(settings)
    request.state.new_login_token = token
    return token


def login_form_is_genuine(request: Request, form_token: str | None) -> bool:
    """The double-submit check: cookie and form field equal, and signed by us."""
    settings: Settings = request.app.state.settings
    cookie = request.cookies.get(settings.login_csrf_cookie)
    return (
        login_token_is_valid(settings, cookie)
        and form_token is not None
        and hmac.compare_digest((cookie or "").encode(), form_token.encode(errors="replace"))
    )


def safe_next(target: str | None, default: str = "/") -> str:
    """Where to go after signing in: only a path of this site (no scheme, host, ``//`` or
    backslash tricks), else ``default``."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ch in target for ch in "\\\r\n\t") or not target.isprintable():
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
