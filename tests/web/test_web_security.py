"""Response headers, escaping, templates fit for the CSP, host check, the session's
transaction per request."""

from __future__ import annotations

import re
from importlib.resources import files

from fastapi import APIRouter, HTTPException
from sqlalchemy import select
from webtools import csrf_token_in, direct_session, ensure_user, make_client

from gongkai.store import AuditEntry
from gongkai.store.audit import audit
from gongkai.web.review.app import Settings, create_app
from gongkai.web.review.deps import SessionDep

STRICT_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def _check_headers(response) -> None:
    for name, value in STRICT_HEADERS.items():
        assert response.headers[name] == value, name
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_security_headers_on_pages_errors_and_static_files(app, client) -> None:
    for path in ("/login", "/no-such-page", "/healthz"):
        response = client.get(path)
        _check_headers(response)
        assert response.headers["cache-control"] == "no-store"
    direct_session(app, client, ensure_user(app, "admin"))
    for path in ("/admin/audit", "/admin/audit.csv", "/admin/users"):
        response = client.get(path)
        assert response.status_code == 200
        _check_headers(response)
        assert response.headers["cache-control"] == "no-store"
        assert "strict-transport-security" in response.headers
    css = client.get("/static/review.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    _check_headers(css)
    assert css.headers["cache-control"] != "no-store"  # static files may be cached


def test_no_api_docs_are_served(client) -> None:
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


def test_a_script_in_a_display_name_is_escaped(app, client) -> None:
    evil = "<script>alert('x')</script>"
    ensure_user(app, "reviewer", "mallory", evil)
    direct_session(app, client, ensure_user(app, "admin"))
    users = client.get("/admin/users")
    assert evil not in users.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in users.text
    own = make_client(app)
    direct_session(app, own, ensure_user(app, "reviewer", "mallory"))
    page = own.get("/admin/users")  # refused, but the top bar shows the name
    assert page.status_code == 403
    assert evil not in page.text and "&lt;script&gt;" in page.text


def test_a_script_in_a_typed_login_name_is_escaped(client) -> None:
    token = csrf_token_in(client.get("/login").text)
    data = {"username": '"><script>x()</script>', "password": "wrong password", "csrf_token": token}
    response = client.post("/login", data=data)
    assert response.status_code == 401
    assert "<script>x()" not in response.text and "&#34;&gt;&lt;script&gt;" in response.text


TEMPLATES = files("gongkai.templates") / "review"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style|\sstyle\s*=", re.IGNORECASE)


def test_review_templates_fit_the_content_security_policy() -> None:
    """No inline script, event handler or style: the CSP would block them in the browser."""
    offenders = []
    for template in sorted(TEMPLATES.iterdir(), key=lambda t: t.name):
        if not template.name.endswith(".html"):
            continue
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE):
            offenders += [f"{template.name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert not offenders, offenders


def test_unknown_hosts_are_refused_when_hosts_are_set(store_url) -> None:
    app = create_app(Settings(database_url=store_url, allowed_hosts=("127.0.0.1", "localhost")))
    try:
        client = make_client(app)
        assert client.get("/healthz", headers={"host": "evil.example"}).status_code == 400
        assert client.get("/healthz", headers={"host": "127.0.0.1:8000"}).status_code == 200
    finally:
        app.state.engine.dispose()


def test_a_request_is_one_transaction(app, client) -> None:
    """Committed when the route returns, rolled back when it raises."""
    probe = APIRouter()

    @probe.get("/probe/ok")
    def ok(session: SessionDep) -> dict[str, bool]:
        audit(session, actor="test", action="probe_ok", subject=("probe", "1"))
        return {"ok": True}

    @probe.get("/probe/fails")
    def fails(session: SessionDep) -> None:
        audit(session, actor="test", action="probe_failed", subject=("probe", "2"))
        session.flush()
        raise HTTPException(409, "冲突")

    app.include_router(probe)
    assert client.get("/probe/ok").status_code == 200
    failed = client.get("/probe/fails")
    assert failed.status_code == 409 and "冲突" in failed.text
    with app.state.sessions() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "probe_ok" in actions and "probe_failed" not in actions
