"""Helpers for the review app's tests (imported by the tests and their fixtures)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from gongkai.store import AuditEntry
from gongkai.store.accounts import add_user, get_user, signed_in, start_session

PASSWORD = "correct horse battery staple"
ROLES = ("reviewer", "approver", "admin")
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_client(app: FastAPI) -> TestClient:
    """Over HTTPS (the default Secure cookies flow); asks for HTML as browsers do; redirects
    are asserted, not followed."""
    return TestClient(
        app, base_url="https://testserver", headers={"Accept": "text/html"}, follow_redirects=False
    )


@dataclass(frozen=True)
class Staff:
    username: str
    role: str
    display_name: str
    password: str = PASSWORD

    @property
    def actor(self) -> str:
        return f"user:{self.username}"


def ensure_user(
    app: FastAPI, role: str, username: str | None = None, display_name: str = ""
) -> Staff:
    username = username or role
    with app.state.sessions.begin() as session:
        user = get_user(session, username)
        if user is None:
            user = add_user(
                session, username, PASSWORD, role, display_name=display_name or None, actor="test"
            )
        return Staff(user.username, user.role, user.display_name)


def csrf_token_in(html: str) -> str:
    found = CSRF_FIELD.search(html)
    assert found, "no csrf_token field on the page"
    return found.group(1)


def session_csrf(app: FastAPI, client: TestClient) -> str:
    """The CSRF token of the session the client's cookie belongs to."""
    token = client.cookies.get(app.state.settings.session_cookie)
    with app.state.sessions() as session:
        current = signed_in(session, token)
        assert current is not None, "the client is not signed in"
        return current.csrf_token


def sign_in(
    app: FastAPI, client: TestClient, staff: Staff, password: str | None = None
) -> Response:
    """Through the form, as a browser does: GET /login (pre-session token), POST it."""
    page = client.get("/login")
    return client.post(
        "/login",
        data={
            "username": staff.username,
            "password": password if password is not None else staff.password,
            "csrf_token": csrf_token_in(page.text),
            "next": "/",
        },
    )


def direct_session(app: FastAPI, client: TestClient, staff: Staff) -> str:
    """Sign ``client`` in without the form (fast); returns the session's CSRF token."""
    with app.state.sessions.begin() as session:
        user = get_user(session, staff.username)
        assert user is not None
        token, row = start_session(session, user)
        csrf = row.csrf_token
    client.cookies.set(app.state.settings.session_cookie, token)
    return csrf


def audit_actions(app: FastAPI) -> list[tuple[str, str, str]]:
    """(actor, action, subject id) of every audit entry, oldest first."""
    with app.state.sessions() as session:
        rows = session.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.subject_id).order_by(
                AuditEntry.id
            )
        )
        return [tuple(r) for r in rows]
