"""What every route of the review app uses: the database session, the signed-in user, role
checks, CSRF, and page rendering.

    from gongkai.web.review.deps import ReviewerDep, SessionDep, render

    @router.get("/batches/{batch_id}", name="batch")
    def batch_page(request: Request, batch_id: int, session: SessionDep, me: ReviewerDep):
        ...
        return render(request, "review/batch.html", {"batch": batch})

- ``SessionDep``: one SQLAlchemy session per request, committed when the route returns (before
  the response is sent), rolled back when it raises.
- ``CurrentUser`` / ``require(*roles)`` / ``ReviewerDep`` / ``ApproverDep`` / ``AdminDep``: the
  ``SignedIn`` (``.user``, ``.session``, ``.csrf_token``; audit as ``me.user.actor``).
  Signed out → redirect to ``/login?next=…`` (HTML) or 401; wrong role → 403 page.
  ``OptionalUser``: the ``SignedIn`` or ``None``, never refuses.
- CSRF: ``verify_csrf`` runs for every route (app-level dependency); any POST/PUT/PATCH/DELETE
  without the right ``csrf_token`` form field is refused with 403. Forms only need
  ``<input type="hidden" name="csrf_token" value="{{ csrf_token }}">``.
- ``render(request, template, context)``: see its docstring for what every template gets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.routing import NoMatchFound

from gongkai.store.accounts import SignedIn, csrf_matches, signed_in
from gongkai.store.models import Role
from gongkai.store.publication import count_open_problem_reports

from . import security
from .settings import Settings
from .templating import NAV

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Who holds which role's rights: an approver can do everything a reviewer can.
GRANTS: dict[Role, frozenset[Role]] = {
    Role.REVIEWER: frozenset({Role.REVIEWER}),
    Role.APPROVER: frozenset({Role.APPROVER, Role.REVIEWER}),
    Role.ADMIN: frozenset({Role.ADMIN}),
}


class LoginRequired(Exception):
    """No valid session: the handler redirects to the login page (or answers 401)."""


class Refused(Exception):
    """A signed-in user may not do this (``kind`` "role"), or a form failed the CSRF check
    (``kind`` "csrf"). The handler renders a 403 page in Chinese."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Viewer:
    """Whom a page is rendered for, as plain values: error pages are rendered after the
    request's database session has ended (rolled back), when ORM objects can no longer load."""

    username: str
    display_name: str
    role: str
    csrf_token: str

    @property
    def actor(self) -> str:
        return f"user:{self.username}"

    @classmethod
    def of(cls, current: SignedIn | None) -> Viewer | None:
        if current is None:
            return None
        user = current.user
        return cls(user.username, user.display_name, user.role, current.csrf_token)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: commit on success, roll back on any exception."""
    with request.app.state.sessions() as session:
        request.state.db_session = session  # for what every page shows (nav badges)
        try:
            yield session
        except BaseException:
            request.state.db_session = None
            session.rollback()
            raise
        else:
            session.commit()


# scope="function": the commit happens when the route returns, before the response is sent,
# so a failed commit is an error page, never a success page for lost work.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def optional_user(request: Request, session: SessionDep) -> SignedIn | None:
    """The signed-in user of this request's session cookie, or ``None``."""
    settings = get_settings(request)
    current = signed_in(session, request.cookies.get(settings.session_cookie))
    request.state.viewer = Viewer.of(current)
    return current


OptionalUser = Annotated[SignedIn | None, Depends(optional_user)]


def current_user(current: OptionalUser) -> SignedIn:
    if current is None:
        raise LoginRequired()
    return current


CurrentUser = Annotated[SignedIn, Depends(current_user)]


def has_role(user_role: str, *roles: Role) -> bool:
    return bool(GRANTS.get(Role(user_role), frozenset()) & set(roles))


def require(*roles: Role) -> Any:
    """A dependency admitting signed-in users holding one of ``roles`` (approvers hold the
    reviewer's rights too). Use as ``me: Annotated[SignedIn, require(Role.APPROVER)]`` or in
    ``dependencies=[require(...)]``."""
    if not roles:
        raise ValueError("require() needs at least one role")

    def check(current: CurrentUser) -> SignedIn:
        if not has_role(current.user.role, *roles):
            raise Refused("role", "您的角色无权访问此页面。")
        return current

    check.__name__ = "require_" + "_or_".join(r.value for r in roles)
    return Depends(check)


ReviewerDep = Annotated[SignedIn, require(Role.REVIEWER)]  # reviewers and approvers
ApproverDep = Annotated[SignedIn, require(Role.APPROVER)]
AdminDep = Annotated[SignedIn, require(Role.ADMIN)]


async def verify_csrf(request: Request, current: OptionalUser) -> None:
    """App-level dependency: every state-changing request must carry the form field
    ``csrf_token``, equal to the session's token, or for the signed-out login form, to the
    signed double-submit cookie."""
    if request.method in SAFE_METHODS:
        return
    form = await request.form()
    given = form.get("csrf_token")
    token = given if isinstance(given, str) else None
    if current is not None:
        genuine = csrf_matches(current.csrf_token, token)
    else:
        genuine = security.login_form_is_genuine(request, token)
    if not genuine:
        raise Refused("csrf", "表单已失效或来源不明，请返回上一页刷新后重试。")


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def render(
    request: Request,
    template_name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a template with what every page needs: ``request``, ``user`` (a
    :class:`Viewer`: ``username``, ``display_name``, ``role``; ``None`` when signed out),
    ``csrf_token``, ``nav`` (top-bar links for the user's role) and
    ``path_for(name, **params)`` (a route's path). ``context`` adds to or overrides them."""
    viewer = _viewer_for_page(request)
    # Signed in: the session's token. Signed out: the login form's double-submit token.
    csrf_token = viewer.csrf_token if viewer else security.login_token_for(request)
    values: dict[str, Any] = {
        "request": request,
        "user": viewer,
        "csrf_token": csrf_token,
        "nav": _nav(request, viewer),
        "path_for": lambda name, **params: request.app.url_path_for(name, **params),
    }
    values.update(context or {})
    env = request.app.state.templates
    html = env.get_template(template_name).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    new_token = getattr(request.state, "new_login_token", None)
    if viewer is None and new_token:
        settings = get_settings(request)
        security.set_cookie(response, settings, settings.login_csrf_cookie, new_token)
    return response


def _viewer_for_page(request: Request) -> Viewer | None:
    """Routes have looked the user up already (``verify_csrf`` runs for all of them); error
    pages of unknown paths have not, so they look it up here."""
    if hasattr(request.state, "viewer"):
        return request.state.viewer
    settings = get_settings(request)
    with request.app.state.sessions() as session:
        viewer = Viewer.of(signed_in(session, request.cookies.get(settings.session_cookie)))
    request.state.viewer = viewer
    return viewer


def _nav(request: Request, viewer: Viewer | None) -> list[dict[str, Any]]:
    if viewer is None:
        return []
    items = []
    badges: dict[str, int | None] = {}
    for item in NAV:
        if not has_role(viewer.role, *item.roles):
            continue
        try:
            path = str(request.app.url_path_for(item.route))
        except NoMatchFound:
            continue  # the page is not written yet
        badge = None
        if item.badge is not None:
            if item.badge not in badges:
                badges[item.badge] = _count(request, NAV_BADGES[item.badge])
            badge = badges[item.badge]
        items.append(
            {
                "route": item.route,
                "path": path,
                "label": item.label,
                "active": request.url.path.startswith(path),
                "badge": badge,
            }
        )
    return items


NAV_BADGES = {"open_problem_reports": count_open_problem_reports}


def _count(request: Request, counter: Callable[[Session], int]) -> int | None:
    """A count from the request's own session (a second one would wait for its write lock on
    SQLite); none on error pages, whose session has been rolled back."""
    session = getattr(request.state, "db_session", None)
    return counter(session) if session is not None else None
