"""Staff accounts, for admins: the list and a form to add one."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from gongkai.store.accounts import MIN_PASSWORD_LENGTH, AccountError, add_user, get_user, list_users
from gongkai.store.models import Role

from ..deps import AdminDep, SessionDep, render
from ..templating import ROLE_LABELS

router = APIRouter()


def _page(
    request: Request,
    session: SessionDep,
    *,
    added: str | None = None,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "review/users.html",
        {
            "users": list_users(session),
            "roles": ROLE_LABELS,
            "min_password_length": MIN_PASSWORD_LENGTH,
            "added": added,
            "error": error,
            "form": form or {"username": "", "display_name": "", "role": Role.REVIEWER.value},
        },
        status_code=status_code,
    )


@router.get("/admin/users", name="users")
def users_page(
    request: Request, session: SessionDep, me: AdminDep, added: str | None = None
) -> Response:
    """Every account with its role; after an addition, which one was added."""
    if added is not None and get_user(session, added) is None:
        added = None
    return _page(request, session, added=added)


@router.post("/admin/users")
def add_user_form(
    request: Request,
    session: SessionDep,
    me: AdminDep,
    username: Annotated[str, Form(max_length=200)] = "",
    display_name: Annotated[str, Form(max_length=300)] = "",
    role: Annotated[str, Form(max_length=32)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    password_again: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Add an account (audited as ``user_added`` by this admin)."""
    form = {"username": username, "display_name": display_name, "role": role}
    if password != password_again:
        error: str | None = "两次输入的密码不一致。"
    else:
        try:
            user = add_user(
                session, username, password, role, display_name=display_name, actor=me.user.actor
            )
        except AccountError as exc:
            error = str(exc)
        else:
            target = request.app.url_path_for("users")
            return RedirectResponse(
                f"{target}?{urlencode({'added': user.username})}", status_code=303
            )
    return _page(request, session, error=error, form=form, status_code=400)
