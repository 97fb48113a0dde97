"""Every route of the app against every role and anonymous, from one explicit table.

A route that is not in ROUTE_ROLES fails the test: whoever adds a page says here who may use
it. Path parameters are filled with "1" (usually a missing object: an allowed user then gets
404, which still shows the permission check passed).
"""

from __future__ import annotations

from collections import Counter

import pytest
from webtools import ROLES, csrf_token_in, direct_session, ensure_user, make_client

from gongkai.web.review.app import RouteInfo, route_table

ANONYMOUS = "anonymous"
EVERYONE = frozenset({ANONYMOUS, *ROLES})
SIGNED_IN = frozenset(ROLES)
REVIEWERS = frozenset({"reviewer", "approver"})  # approvers hold every reviewer right
APPROVERS = frozenset({"approver"})
ADMINS = frozenset({"admin"})

ROUTE_ROLES: dict[tuple[str, str], frozenset[str]] = {
    # signing in and out, health
    ("GET", "/login"): EVERYONE,
    ("POST", "/login"): EVERYONE,
    ("POST", "/logout"): SIGNED_IN,
    ("GET", "/healthz"): EVERYONE,
    ("GET", "/"): SIGNED_IN,
    # administration
    ("GET", "/admin/audit"): ADMINS,
    ("GET", "/admin/audit.csv"): ADMINS,
    ("GET", "/admin/users"): ADMINS,
    # the operations dashboard
    ("GET", "/dashboard"): frozenset({"admin", "approver"}),
    ("POST", "/admin/users"): ADMINS,
    # review: reading, originals, corrections, doubts
    ("GET", "/batches"): REVIEWERS,
    ("GET", "/batches/{batch_id}"): REVIEWERS,
    ("GET", "/decisions/{decision_id}"): REVIEWERS,
    ("POST", "/decisions/{decision_id}/corrections"): REVIEWERS,
    ("POST", "/decisions/{decision_id}/corrections/{correction_id}/undo"): REVIEWERS,
    ("POST", "/decisions/{decision_id}/doubts/{index}"): REVIEWERS,
    ("POST", "/decisions/{decision_id}/resubmit"): REVIEWERS,
    ("GET", "/withheld"): REVIEWERS,
    # work lists: readers' problem reports, decisions past the publication deadline
    ("GET", "/problem-reports"): REVIEWERS,
    ("GET", "/overdue"): REVIEWERS,
    # deciding: batches and withheld decisions
    ("POST", "/batches/{batch_id}/approve"): APPROVERS,
    ("POST", "/batches/{batch_id}/reject"): APPROVERS,
    ("POST", "/decisions/{decision_id}/withheld/confirm"): APPROVERS,
    ("POST", "/decisions/{decision_id}/withheld/release"): APPROVERS,
    ("POST", "/decisions/{decision_id}/reopen"): APPROVERS,  # 更正并重新发布
    ("POST", "/problem-reports/{report_id}/handle"): APPROVERS,
}


def _sample_path(path: str) -> str:
    parts = [("1" if p.startswith("{") and p.endswith("}") else p) for p in path.split("/")]
    return "/".join(parts)


def _outcome(response) -> str:
    """What happened, as far as access goes."""
    location = response.headers.get("location", "")
    if response.status_code in (302, 303) and location.startswith("/login?next="):
        return "sign-in required"
    if response.status_code == 401:
        return "sign-in required"
    if response.status_code == 403 and 'data-refused="role"' in response.text:
        return "role refused"
    if response.status_code == 403 and 'data-refused="csrf"' in response.text:
        return "csrf refused"
    return "let through"


def _expected(principal: str, allowed: frozenset[str]) -> str:
    if principal in allowed:
        return "let through"
    return "sign-in required" if principal == ANONYMOUS else "role refused"


def test_every_route_is_in_the_table(app) -> None:
    table = route_table(app)
    routes = {(r.method, r.path) for r in table}
    missing = sorted(routes - ROUTE_ROLES.keys())
    stale = sorted(ROUTE_ROLES.keys() - routes)
    assert not missing, f"routes without an entry in ROUTE_ROLES (say who may use them): {missing}"
    assert not stale, f"ROUTE_ROLES entries for routes that no longer exist: {stale}"
    shadowed = [k for k, n in Counter((r.method, r.path) for r in table).items() if n > 1]
    assert not shadowed, f"routes defined twice (the second is never reached): {shadowed}"


def _request(app, route: RouteInfo, principal: str):
    client = make_client(app)
    if principal == ANONYMOUS:
        token = csrf_token_in(client.get("/login").text)  # a genuine pre-session token
    else:
        # A fresh session per request: a route may end it (logout).
        token = direct_session(app, client, ensure_user(app, principal))
    path = _sample_path(route.path)
    if route.method == "GET":
        return client.get(path)
    return client.request(route.method, path, data={"csrf_token": token})


@pytest.mark.parametrize("principal", [ANONYMOUS, *ROLES])
def test_every_route_lets_in_exactly_the_roles_of_the_table(app, principal: str) -> None:
    wrong = []
    for route in route_table(app):
        allowed = ROUTE_ROLES.get((route.method, route.path))
        if allowed is None:
            continue  # reported by test_every_route_is_in_the_table
        response = _request(app, route, principal)
        got, expected = _outcome(response), _expected(principal, allowed)
        if got != expected:
            wrong.append(
                f"{route.method} {route.path}: {got} ({response.status_code}), expected {expected}"
            )
    assert not wrong, f"{principal}:\n" + "\n".join(wrong)


def test_anonymous_gets_a_401_outside_the_browser(app) -> None:
    client = make_client(app)
    client.headers["Accept"] = "application/json"
    assert client.get("/admin/audit.csv").status_code == 401


def test_role_refusal_is_a_chinese_page(app, client) -> None:
    direct_session(app, client, ensure_user(app, "reviewer"))
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "无权访问" in response.text and "您的角色无权访问此页面" in response.text
