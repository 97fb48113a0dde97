"""CSRF: every state-changing route of the app, present and future, refuses a form without
the session's token (or, signed out, without the signed double-submit token)."""

from __future__ import annotations

import pytest
from webtools import (
    ROLES,
    audit_actions,
    csrf_token_in,
    direct_session,
    ensure_user,
    make_client,
    sign_in,
)

from gongkai.web.review.app import route_table

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _fill(path: str) -> str:
    return "/".join("1" if p.startswith("{") else p for p in path.split("/"))


def _is_csrf_refusal(response) -> bool:
    return response.status_code == 403 and 'data-refused="csrf"' in response.text


def test_the_app_has_state_changing_routes(app) -> None:
    assert {("POST", "/login"), ("POST", "/logout"), ("POST", "/admin/users")} <= {
        (r.method, r.path) for r in route_table(app)
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_unsafe_route_refuses_a_missing_or_wrong_token(app, role: str) -> None:
    staff = ensure_user(app, role)
    other = make_client(app)
    other_token = direct_session(app, other, ensure_user(app, "approver", "someone_else"))
    before = audit_actions(app)
    not_refused = []
    for route in route_table(app):
        if route.method not in UNSAFE:
            continue
        client = make_client(app)
        token = direct_session(app, client, staff)
        attempts = {
            "no token": {"username": "x"},
            "empty token": {"csrf_token": ""},
            "wrong token": {"csrf_token": token[:-1] + ("0" if token[-1] != "0" else "1")},
            "another session's token": {"csrf_token": other_token},
            "non-ASCII token": {"csrf_token": "令牌" * 32},
        }
        for what, data in attempts.items():
            response = client.request(route.method, _fill(route.path), data=data)
            if not _is_csrf_refusal(response):
                not_refused.append(f"{route.method} {route.path} ({what}): {response.status_code}")
        json_body = client.request(route.method, _fill(route.path), json={"csrf_token": token})
        if not _is_csrf_refusal(json_body):
            not_refused.append(f"{route.method} {route.path} (JSON body): {json_body.status_code}")
        assert client.get("/healthz").status_code == 200  # the session still works
    assert not not_refused, "\n".join(not_refused)
    assert audit_actions(app) == before  # nothing happened


def test_the_refusal_is_a_chinese_page(app, client) -> None:
    direct_session(app, client, ensure_user(app, "admin"))
    response = client.post("/admin/users", data={"username": "x"})
    assert response.status_code == 403 and "表单已失效" in response.text


def test_signed_out_forms_need_the_signed_double_submit_token(app, client) -> None:
    staff = ensure_user(app, "reviewer")
    credentials = {"username": staff.username, "password": staff.password}
    # No pre-session cookie at all:
    assert _is_csrf_refusal(client.post("/login", data=credentials | {"csrf_token": "abc"}))
    token = csrf_token_in(client.get("/login").text)
    # Cookie present, form field missing or different:
    assert _is_csrf_refusal(client.post("/login", data=credentials))
    assert _is_csrf_refusal(client.post("/login", data=credentials | {"csrf_token": token + "0"}))
    # A cookie planted by someone else, equal to the field but not signed by the app:
    forged = "0" * 32 + "." + "0" * 64
    planted = make_client(app)
    planted.cookies.set("__Host-gongkai_login", forged)
    assert _is_csrf_refusal(planted.post("/login", data=credentials | {"csrf_token": forged}))
    # The genuine pair works:
    response = client.post("/login", data=credentials | {"csrf_token": token})
    assert response.status_code == 303
    assert [a for a in audit_actions(app) if a[1].startswith("login")] == [
        (staff.actor, "login", staff.username)
    ]


def test_a_token_from_another_app_instance_does_not_pass(app, client, store_url) -> None:
    from gongkai.web.review.app import Settings, create_app

    other = create_app(Settings(database_url=store_url))  # another secret key
    try:
        foreign = make_client(other)
        token = csrf_token_in(foreign.get("/login").text)
        client.cookies.set("__Host-gongkai_login", token)
        staff = ensure_user(app, "reviewer")
        data = {"username": staff.username, "password": staff.password, "csrf_token": token}
        assert _is_csrf_refusal(client.post("/login", data=data))
        assert sign_in(app, client, staff).status_code == 303  # a fresh form works
    finally:
        other.state.engine.dispose()
