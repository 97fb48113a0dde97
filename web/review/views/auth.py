"""Signing in and out. Every attempt is audited by ``gongkai.store.accounts``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from gongkai.store.accounts import (
    FAILED_LOGIN_WINDOW,
    LoginThrottled,
    authenticate,
    end_session,
    start_session,
)

from ..deps import CurrentUser, OptionalUser, SessionDep, get_settings, render
from ..security import delete_cookie, safe_next, set_cookie

router = APIRouter()


def _login_form(
    request: Request,
    *,
    next_path: str,
    username: str = "",
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "review/login.html",
        {"next": next_path, "username": username, "error": error},
        status_code=status_code,
    )


@router.get("/login", name="login")
def login_page(request: Request, current: OptionalUser, next: str = "/") -> Response:
    """The sign-in form (already signed in: straight on to ``next``)."""
    target = safe_next(next)
    if current is not None:
        return RedirectResponse(target, status_code=303)
    return _login_form(request, next_path=target)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    current: OptionalUser,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the password; on success start a session (new token, new CSRF token)."""
    target = safe_next(next)
    if not username.strip() or not password:
        return _login_form(
            request,
            next_path=target,
            username=username,
            error="请输入用户名和密码。",
            status_code=400,
        )
    client = {"ip": request.client.host} if request.client else None
    try:
        user = authenticate(session, username, password, details=client)
    except LoginThrottled:
        return _login_form(
            request,
            next_path=target,
            username=username,
            error=f"登录失败次数过多，请 {FAILED_LOGIN_WINDOW.seconds // 60} 分钟后再试。",
            status_code=429,
        )
    if user is None:
        return _login_form(
            request,
            next_path=target,
            username=username,
            error="用户名或密码错误。",
            status_code=401,
        )
    if current is not None:  # signing in again, maybe as someone else: end the old session
        end_session(session, current)
    settings = get_settings(request)
    token, _row = start_session(session, user, lifetime=settings.session_lifetime)
    response = RedirectResponse(target, status_code=303)
    set_cookie(response, settings, settings.session_cookie, token)
    delete_cookie(response, settings, settings.login_csrf_cookie)
    return response


@router.post("/logout", name="logout")
def logout(request: Request, session: SessionDep, me: CurrentUser) -> Response:
    """End this session (the token stops working at once) and forget the cookie."""
    end_session(session, me)
    settings = get_settings(request)
    response = RedirectResponse(request.app.url_path_for("login"), status_code=303)
    delete_cookie(response, settings, settings.session_cookie)
    return response
