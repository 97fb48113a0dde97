"""Signing in and out: passwords, sessions, expiry, cookies, throttling; all audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update
from webtools import (
    Staff,
    audit_actions,
    csrf_token_in,
    direct_session,
    ensure_user,
    make_client,
    session_csrf,
    sign_in,
)

from gongkai.store.accounts import MAX_FAILED_LOGINS
from gongkai.store.models import User, UserSession
from gongkai.web.review.app import Settings, create_app
from gongkai.web.review.security import safe_next


def test_login_page_is_chinese_and_carries_a_pre_session_token(client) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    assert "行政处罚决定书公开审核" in page.text and "登录" in page.text
    cookie = page.cookies.get("__Host-gongkai_login")
    assert cookie and csrf_token_in(page.text) == cookie


def test_login_with_the_right_password(app, client) -> None:
    staff = ensure_user(app, "reviewer", "wang", "王审核")
    response = sign_in(app, client, staff)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(c for c in response.headers.get_list("set-cookie") if "gongkai_session" in c)
    assert cookie.startswith("__Host-gongkai_session=")
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag.lower() in cookie.lower()
    home = client.get("/")
    assert home.status_code == 303 and home.headers["location"] == "/batches"
    assert ("user:wang", "login", "wang") in audit_actions(app)


def test_login_with_a_wrong_password_fails_and_is_audited(app, client) -> None:
    staff = ensure_user(app, "approver", "li")
    response = sign_in(app, client, staff, password="not the password")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text
    assert "gongkai_session" not in response.headers.get("set-cookie", "")
    assert client.get("/").headers["location"].startswith("/login?next=")
    unknown = sign_in(app, client, Staff("nobody", "admin", "nobody"))
    assert unknown.status_code == 401
    entries = audit_actions(app)
    assert ("anonymous", "login_failed", "li") in entries
    assert ("anonymous", "login_failed", "nobody") in entries
    assert not any(action == "login" for _, action, _ in entries)


def test_empty_login_form_is_not_an_attempt(app, client) -> None:
    token = csrf_token_in(client.get("/login").text)
    response = client.post("/login", data={"username": "", "password": "", "csrf_token": token})
    assert response.status_code == 400 and "请输入用户名和密码" in response.text
    assert audit_actions(app) == []


def test_too_many_failures_lock_the_name_for_a_while(app, client) -> None:
    staff = ensure_user(app, "reviewer", "sun")
    for _ in range(MAX_FAILED_LOGINS):
        assert sign_in(app, client, staff, password="guess guess guess").status_code == 401
    locked = sign_in(app, client, staff)  # even the right password
    assert locked.status_code == 429 and "次数过多" in locked.text
    failures = [a for a in audit_actions(app) if a[1] == "login_failed"]
    assert len(failures) == MAX_FAILED_LOGINS + 1


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/batches/3?x=1", "/batches/3?x=1"),
        ("/", "/"),
        (None, "/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_is_a_path_of_this_site(given: str | None, expected: str) -> None:
    assert safe_next(given) == expected


def test_login_returns_to_the_page_asked_for(app, client) -> None:
    first = client.get("/admin/users?x=1")
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=%2Fadmin%2Fusers%3Fx%3D1"
    staff = ensure_user(app, "admin")
    token = csrf_token_in(client.get(first.headers["location"]).text)
    data = {"username": "admin", "password": staff.password, "csrf_token": token}
    response = client.post("/login", data=data | {"next": "/admin/users?x=1"})
    assert response.headers["location"] == "/admin/users?x=1"
    evil = client.get("/login?next=//evil.example/")  # signed in: straight on, but not there
    assert evil.status_code == 303 and evil.headers["location"] == "/"


def test_logout_ends_the_session(app, client, login) -> None:
    staff = login(client, "reviewer")
    old_cookie = client.cookies.get("__Host-gongkai_session")
    page = client.get("/admin/users")  # any page carries the logout form with the token
    token = csrf_token_in(page.text)
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert "__Host-gongkai_session=" in response.headers["set-cookie"]
    assert client.get("/").headers["location"].startswith("/login")
    # The old token is dead on the server too, not only forgotten by this browser.
    client.cookies.set("__Host-gongkai_session", old_cookie)
    assert client.get("/").headers["location"].startswith("/login")
    assert (staff.actor, "logout", staff.username) in audit_actions(app)


def test_sessions_expire(app, client) -> None:
    staff = ensure_user(app, "approver")
    direct_session(app, client, staff)
    assert client.get("/").headers["location"] == "/batches"
    with app.state.sessions.begin() as session:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        session.execute(update(UserSession).values(expires_at=past))
    assert client.get("/").headers["location"].startswith("/login?next=")


def test_session_lifetime_comes_from_the_settings(store_url) -> None:
    app = create_app(Settings(database_url=store_url, session_lifetime=dt.timedelta(minutes=5)))
    try:
        with make_client(app) as client:
            staff = ensure_user(app, "reviewer")
            assert sign_in(app, client, staff).status_code == 303
        with app.state.sessions() as session:
            row = session.scalars(select(UserSession)).one()
            assert row.expires_at - row.created_at == dt.timedelta(minutes=5)
    finally:
        app.state.engine.dispose()


def test_a_deactivated_user_is_signed_out(app, client) -> None:
    staff = ensure_user(app, "reviewer")
    direct_session(app, client, staff)
    with app.state.sessions.begin() as session:
        session.execute(update(User).values(active=False))
    assert client.get("/").headers["location"].startswith("/login")


def test_plain_http_on_loopback_uses_plain_cookies(store_url) -> None:
    app = create_app(Settings(database_url=store_url, cookie_secure=False))
    try:
        with make_client(app) as client:
            client.base_url = "http://testserver"
            staff = ensure_user(app, "reviewer")
            response = sign_in(app, client, staff)
            cookie = response.headers["set-cookie"]
            assert cookie.startswith("gongkai_session=") and "secure" not in cookie.lower()
            assert "strict" in cookie.lower() and "httponly" in cookie.lower()
            assert client.get("/").headers["location"] == "/batches"
            assert "strict-transport-security" not in response.headers
    finally:
        app.state.engine.dispose()


def test_a_success_resets_the_failure_count(app, client) -> None:
    staff = ensure_user(app, "reviewer", "zhou")
    for _ in range(MAX_FAILED_LOGINS - 1):
        sign_in(app, client, staff, password="guess guess guess")
    assert sign_in(app, client, staff).status_code == 303
    for _ in range(MAX_FAILED_LOGINS - 1):
        sign_in(app, make_client(app), staff, password="guess guess guess")
    assert sign_in(app, make_client(app), staff).status_code == 303


def test_signing_in_again_ends_the_previous_session(app, client, login) -> None:
    login(client, "reviewer")
    first = client.cookies.get("__Host-gongkai_session")
    token = session_csrf(app, client)
    staff = ensure_user(app, "approver")
    data = {"username": staff.username, "password": staff.password, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 303
    assert client.cookies.get("__Host-gongkai_session") != first
    stale = make_client(app)
    stale.cookies.set("__Host-gongkai_session", first)
    assert stale.get("/").headers["location"].startswith("/login")
    assert ("user:reviewer", "logout", "reviewer") in audit_actions(app)
