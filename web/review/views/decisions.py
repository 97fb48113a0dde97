"""One decision: both texts, corrections, doubts, resubmission, withheld decisions, and
reopening a published decision for correction."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from gongkai.reports.labels import channel_label
from gongkai.store import Decision, DecisionState, ReviewBatch, publications_of
from gongkai.store.models import Correction, Role
from gongkai.store.review import (
    REOPENABLE,
    ReviewError,
    annotations_in_force,
    confirm_withheld,
    correct,
    correction_batch_ids,
    decision_view,
    decisions_in_state,
    record_original_viewed,
    release_withheld,
    reopen_for_correction,
    resolve_doubt,
    resubmit,
    undo_correction,
)
from gongkai.web.review.deps import ApproverDep, ReviewerDep, SessionDep, render
from gongkai.web.review.rendering import TYPE_LABELS, render_decision

router = APIRouter()


_EDITABLE = {DecisionState.IN_REVIEW.value, DecisionState.REJECTED.value}
_CHINA = ZoneInfo("Asia/Shanghai")
# What a channel shows of the decision, for the correction section.
_CHANNEL_STATUS = {"published": "公开中", "hidden": "已撤下", "withdrawn": "已撤回",
                   "expired": "已到期"}  # fmt: skip


def _get(db: SessionDep, decision_id: int) -> Decision:
    decision = db.get(Decision, decision_id)
    if decision is None:
        raise HTTPException(status_code=404, detail="没有这份决定书")
    return decision


def _page(
    request: Request,
    db: SessionDep,
    user: ReviewerDep,
    decision: Decision,
    *,
    error: str | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> Response:
    view = decision_view(db, decision)
    rendered = render_decision(view, annotations_in_force(db, view))
    record_original_viewed(db, decision, actor=user.user.actor)
    undone = {c.undoes_id for c in view.corrections if c.undoes_id is not None}
    batch_open = True
    if decision.batch_id is not None:
        batch = db.get(ReviewBatch, decision.batch_id)
        batch_open = batch is not None and batch.state == "open"
    can_decide = user.user.role == Role.APPROVER
    channels = [
        (channel_label(channel), _CHANNEL_STATUS.get(row.status, row.status))
        for channel, row in sorted(publications_of(db, decision).items())
    ]
    return render(
        request,
        "review/decision.html",
        {
            "view": view,
            "rendered": rendered,
            "corrections": view.corrections,
            "undone": undone,
            "editable": decision.state in _EDITABLE and batch_open,
            "can_decide": can_decide,
            "can_reopen": can_decide and decision.state in REOPENABLE,
            "correction_batch": decision.batch_id is not None
            and decision.batch_id in correction_batch_ids(db, [decision.batch_id]),
            "channels": channels,
            "type_labels": TYPE_LABELS,
            "error": error,
            "message": message,
        },
        status_code=status_code,
    )


def _done(decision: Decision, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/decisions/{decision.id}{anchor}", status_code=303)


@router.get("/decisions/{decision_id}", name="decision")
def decision_page(
    request: Request, db: SessionDep, user: ReviewerDep, decision_id: int
) -> Response:
    return _page(request, db, user, _get(db, decision_id))


@router.post("/decisions/{decision_id}/corrections", name="correct")
def add_correction(
    request: Request,
    db: SessionDep,
    user: ReviewerDep,
    decision_id: int,
    action: Annotated[str, Form()],
    value: Annotated[str, Form()],
    entity_type: Annotated[str, Form()],
    scope: Annotated[str, Form()] = "decision",
    reason: Annotated[str, Form()] = "",
) -> Response:
    decision = _get(db, decision_id)
    if action not in ("mark", "unmark") or entity_type not in TYPE_LABELS:
        return _page(request, db, user, decision, error="无效的更正", status_code=422)
    try:
        correct(
            db,
            decision,
            actor=user.user.actor,
            action=action,
            value=value,
            entity_type=entity_type,
            scope="batch" if scope == "batch" else "decision",
            reason=reason.strip() or None,
        )
    except ReviewError as error:
        return _page(request, db, user, decision, error=str(error), status_code=409)
    return _done(decision)


@router.post("/decisions/{decision_id}/corrections/{correction_id}/undo", name="undo")
def undo(
    request: Request, db: SessionDep, user: ReviewerDep, decision_id: int, correction_id: int
) -> Response:
    decision = _get(db, decision_id)
    correction = db.get(Correction, correction_id)
    if correction is None or correction.record_version_id != decision.current_version_id:
        raise HTTPException(status_code=404, detail="没有这项更正")
    try:
        undo_correction(db, correction, actor=user.user.actor)
    except ReviewError as error:
        return _page(request, db, user, decision, error=str(error), status_code=409)
    return _done(decision)


@router.post("/decisions/{decision_id}/doubts/{index}", name="resolve_doubt")
def resolve(
    request: Request,
    db: SessionDep,
    user: ReviewerDep,
    decision_id: int,
    index: int,
    note: Annotated[str, Form()] = "",
) -> Response:
    decision = _get(db, decision_id)
    try:
        resolve_doubt(db, decision_view(db, decision), index, actor=user.user.actor, note=note)
    except ReviewError as error:
        return _page(request, db, user, decision, error=str(error), status_code=409)
    return _done(decision)


@router.post("/decisions/{decision_id}/resubmit", name="resubmit")
def resubmit_decision(
    request: Request, db: SessionDep, user: ReviewerDep, decision_id: int
) -> Response:
    decision = _get(db, decision_id)
    try:
        resubmit(db, decision, actor=user.user.actor)
    except ReviewError as error:
        return _page(request, db, user, decision, error=str(error), status_code=409)
    return _done(decision)


@router.post("/decisions/{decision_id}/withheld/confirm", name="confirm_withheld")
def confirm(
    request: Request,
    db: SessionDep,
    user: ApproverDep,
    decision_id: int,
    note: Annotated[str, Form()] = "",
) -> Response:
    decision = _get(db, decision_id)
    try:
        confirm_withheld(db, decision, actor=user.user.actor, note=note)
    except ReviewError as error:
        return _page(request, db, user, decision, error=str(error), status_code=409)
    return _done(decision)


@router.post("/decisions/{decision_id}/withheld/release", name="release_withheld")
def release(
    request: Request,
    db: SessionDep,
    user: ApproverDep,
    decision_id: int,
    reason: Annotated[str, Form()] = "",
) -> Response:
    decision = _get(db, decision_id)
    try:
        release_withheld(db, decision, actor=user.user.actor, reason=reason)
    except ReviewError as error:
        return _page(request, db, user, decision, error=str(error), status_code=409)
    return _done(decision)


@router.post("/decisions/{decision_id}/reopen", name="reopen_for_correction")
def reopen(
    request: Request,
    db: SessionDep,
    user: ApproverDep,
    decision_id: int,
    reason: Annotated[str, Form()] = "",
    take_down: Annotated[str, Form()] = "",
) -> Response:
    """更正并重新发布: back to review in a correction batch due today; with ``take_down``
    hidden on the channels first."""
    decision = _get(db, decision_id)
    try:
        reopen_for_correction(
            db,
            decision,
            actor=user.user.actor,
            reason=reason,
            take_down=bool(take_down),
            due_date=dt.datetime.now(_CHINA).date(),
        )
    except ReviewError as error:
        return _page(request, db, user, decision, error=str(error), status_code=409)
    return _done(decision)


@router.get("/withheld", name="withheld")
def withheld(request: Request, db: SessionDep, user: ReviewerDep) -> Response:
    held = []
    for decision in decisions_in_state(db, DecisionState.WITHHELD):
        view = decision_view(db, decision)
        reasons = view.redaction.withhold_details if view.redaction else []
        held.append({"view": view, "reasons": [_Reason(**r) for r in reasons]})
    returned = [
        {"view": decision_view(db, d)} for d in decisions_in_state(db, DecisionState.REJECTED)
    ]
    return render(request, "review/withheld.html", {"withheld": held, "returned": returned})


class _Reason:
    def __init__(self, reason: str = "", detail: str = "", **_: object) -> None:
        self.reason, self.detail = reason, detail
