"""The review queue and the batch page: read, approve, reject."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from gongkai.store import ReviewBatch
from gongkai.store.models import Role
from gongkai.store.publication import count_open_problem_reports
from gongkai.store.review import (
    DecisionView,
    ReviewError,
    agencies,
    annotations_in_force,
    approve_batch,
    batch_decisions,
    record_original_viewed,
    reject_batch,
    review_queue,
)
from gongkai.web.review.deps import ApproverDep, ReviewerDep, SessionDep, render
from gongkai.web.review.rendering import Rendered, render_decision
from gongkai.web.review.views.labels import batch_state_label

router = APIRouter()


@dataclass(frozen=True)
class BatchItem:
    view: DecisionView
    rendered: Rendered

    @property
    def flagged(self) -> bool:
        return self.view.flagged


def _today() -> dt.date:
    return dt.date.today()


@router.get("/batches", name="queue")
def queue(
    request: Request,
    db: SessionDep,
    user: ReviewerDep,
    agency: str = "",
    state: str = "open",
    overdue: str = "",
) -> Response:
    today = _today()
    rows = review_queue(
        db,
        today=today,
        agency=agency or None,
        state=state if state in ("open", "closed") else None,
        overdue_only=bool(overdue),
    )
    return render(
        request,
        "review/queue.html",
        {
            "rows": rows,
            "today": today,
            "agencies": agencies(db),
            "filters": {"agency": agency, "state": state, "overdue": bool(overdue)},
            "batch_state_label": batch_state_label,
            "open_reports": count_open_problem_reports(db),
        },
    )


def _items(db: SessionDep, batch: ReviewBatch) -> list[BatchItem]:
    return [
        BatchItem(view, render_decision(view, annotations_in_force(db, view)))
        for view in batch_decisions(db, batch)
    ]


def _batch_page(
    request: Request,
    db: SessionDep,
    user: ReviewerDep,
    batch: ReviewBatch,
    *,
    error: str | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> Response:
    items = _items(db, batch)
    record_original_viewed(db, batch, actor=user.user.actor)
    blockers = [i for i in items if i.view.open_doubts or i.rendered.leak_guard_hit]
    return render(
        request,
        "review/batch.html",
        {
            "batch": batch,
            "items": items,
            "blockers": blockers,
            "overdue": batch.due_date is not None and batch.due_date < _today(),
            "can_decide": user.user.role == Role.APPROVER,
            "error": error,
            "message": message,
            "batch_state_label": batch_state_label,
        },
        status_code=status_code,
    )


def _get_batch(db: SessionDep, batch_id: int) -> ReviewBatch:
    batch = db.get(ReviewBatch, batch_id)
    if batch is None:
        raise HTTPException(status_code=404, detail="没有这个批次")
    return batch


@router.get("/batches/{batch_id}", name="batch")
def batch_page(request: Request, db: SessionDep, user: ReviewerDep, batch_id: int) -> Response:
    return _batch_page(request, db, user, _get_batch(db, batch_id))


@router.post("/batches/{batch_id}/approve", name="approve_batch")
def approve(request: Request, db: SessionDep, user: ApproverDep, batch_id: int) -> Response:
    batch = _get_batch(db, batch_id)
    items = _items(db, batch)
    blocked = {
        i.view.decision.source_id: i.rendered.leak_guard_hit
        for i in items
        if i.rendered.leak_guard_hit
    }
    try:
        approve_batch(db, batch, actor=user.user.actor, blocked=blocked)
    except ReviewError as error:
        return _batch_page(request, db, user, batch, error=str(error), status_code=409)
    return RedirectResponse(f"/batches/{batch.id}?done=approved", status_code=303)


@router.post("/batches/{batch_id}/reject", name="reject_batch")
def reject(
    request: Request,
    db: SessionDep,
    user: ApproverDep,
    batch_id: int,
    reason: Annotated[str, Form()] = "",
) -> Response:
    batch = _get_batch(db, batch_id)
    try:
        reject_batch(db, batch, actor=user.user.actor, reason=reason)
    except ReviewError as error:
        return _batch_page(request, db, user, batch, error=str(error), status_code=409)
    return RedirectResponse(f"/batches/{batch.id}?done=rejected", status_code=303)
