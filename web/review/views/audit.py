"""The audit log for admins: a filtered, paginated page and a CSV export."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from sqlalchemy.orm import Session, sessionmaker

from gongkai.store.audit import audit
from gongkai.store.models import AuditEntry
from gongkai.store.review import audit_entries

from ..csvexport import csv_line
from ..deps import AdminDep, SessionDep, render
from ..templating import ACTION_LABELS, SUBJECT_LABELS, beijing_time

router = APIRouter()

PAGE_SIZE = 50
CSV_CHUNK = 1000
CSV_HEADER = (
    "编号", "时间（北京时间）", "操作人", "操作", "操作说明", "对象类型", "对象",
    "原状态", "新状态", "原因", "详情",
)  # fmt: skip


@dataclass(frozen=True)
class AuditFilters:
    """What the admin filters on (empty: any). Matches are exact: actor ``user:alice``,
    action ``login_failed``, subject ``d-2024-001`` (a decision, user, batch … id)."""

    actor: str = ""
    action: str = ""
    subject: str = ""

    def query(self, **extra: str | int) -> str:
        params = {k: v for k, v in vars(self).items() if v} | extra
        return urlencode(params)

    def entries(self, session: Session, limit: int, before_id: int | None) -> list[AuditEntry]:
        return list(
            audit_entries(
                session,
                actor=self.actor or None,
                action=self.action or None,
                subject=self.subject or None,
                limit=limit,
                before_id=before_id,
            )
        )


@dataclass(frozen=True)
class AuditPage:
    """Template context of ``review/audit_log.html``: newest first, ``PAGE_SIZE`` a page."""

    entries: list[AuditEntry]
    filters: AuditFilters
    older_url: str | None  # the next page (older entries), if any
    newest_url: str | None  # back to the first page, when not on it
    csv_url: str
    actions: dict[str, str]
    subject_types: dict[str, str]


Filter = Annotated[str, Query(max_length=200)]


@router.get("/admin/audit", name="audit_log")
def audit_log(
    request: Request,
    session: SessionDep,
    me: AdminDep,
    actor: Filter = "",
    action: Filter = "",
    subject: Filter = "",
    before: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:
    """The audit log, newest first, filtered by actor, action and subject."""
    filters = AuditFilters(actor.strip(), action.strip(), subject.strip())
    rows = filters.entries(session, PAGE_SIZE + 1, before)
    base = request.app.url_path_for("audit_log")
    older = (
        f"{base}?{filters.query(before=rows[PAGE_SIZE - 1].id)}" if len(rows) > PAGE_SIZE else None
    )
    page = AuditPage(
        entries=rows[:PAGE_SIZE],
        filters=filters,
        older_url=older,
        newest_url=f"{base}?{filters.query()}" if before is not None else None,
        csv_url=f"{request.app.url_path_for('audit_csv')}?{filters.query()}",
        actions=ACTION_LABELS,
        subject_types=SUBJECT_LABELS,
    )
    return render(request, "review/audit_log.html", {"page": page})


@router.get("/admin/audit.csv", name="audit_csv")
def audit_csv(
    request: Request,
    session: SessionDep,
    me: AdminDep,
    actor: Filter = "",
    action: Filter = "",
    subject: Filter = "",
) -> StreamingResponse:
    """The filtered audit log as CSV (UTF-8 with BOM, so Excel reads the Chinese), newest
    first. The export itself is audited."""
    filters = AuditFilters(actor.strip(), action.strip(), subject.strip())
    # The newest matching entry bounds the export: a consistent snapshot, even while the
    # log grows during the download.
    newest = filters.entries(session, 1, None)
    upper = newest[0].id + 1 if newest else None
    audit(
        session,
        actor=me.user.actor,
        action="audit_exported",
        subject=("audit_log", "csv"),
        details={k: v for k, v in vars(filters).items() if v} or None,
    )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(
        _csv_chunks(request.app.state.sessions, filters, upper),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="gongkai-audit-{stamp}.csv"'},
    )


def _csv_chunks(
    sessions: sessionmaker[Session], filters: AuditFilters, upper: int | None
) -> Iterator[bytes]:
    # Each chunk reads in its own short transaction, so a slow download never holds the
    # database (on SQLite every transaction takes the write lock).
    yield ("\ufeff" + csv_line(CSV_HEADER)).encode("utf-8")
    before = upper
    while before is not None:
        with sessions() as session:
            rows = filters.entries(session, CSV_CHUNK, before)
            lines = [csv_line(_csv_row(e)) for e in rows]
        if lines:
            yield "".join(lines).encode("utf-8")
        before = rows[-1].id if len(rows) == CSV_CHUNK else None


def _csv_row(entry: AuditEntry) -> list[str]:
    return [
        str(entry.id),
        beijing_time(entry.at),
        entry.actor,
        entry.action,
        ACTION_LABELS.get(entry.action, ""),
        entry.subject_type,
        entry.subject_id,
        entry.from_state or "",
        entry.to_state or "",
        entry.reason or "",
        json.dumps(entry.details, ensure_ascii=False, sort_keys=True) if entry.details else "",
    ]
