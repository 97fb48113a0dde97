"""The home page (a redirect to the user's work) and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from sqlalchemy import text

from gongkai.store.models import Role

from ..deps import CurrentUser, SessionDep, has_role

router = APIRouter()


@router.get("/", name="home")
def home(request: Request, me: CurrentUser) -> RedirectResponse:
    """Reviewers and approvers start at the batch queue, admins at the audit log."""
    page = "queue" if has_role(me.user.role, Role.REVIEWER) else "audit_log"
    return RedirectResponse(request.app.url_path_for(page), status_code=303)


@router.get("/healthz", name="healthz")
def healthz(session: SessionDep) -> PlainTextResponse:
    """For monitoring: ``ok`` when the app answers and its database does."""
    session.execute(text("SELECT 1"))
    return PlainTextResponse("ok")
