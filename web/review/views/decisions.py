"""One decision: both texts, corrections, doubts, resubmission, withheld decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from gongkai.store import Decision, DecisionState, ReviewBatch
from gongkai.store.models import Correction, Role
from gongkai.store.review import (
    ReviewError,
    annotations_in_force,
    confirm_withheld,
    correct,
    decision_view,
    decisions_in_state,
    record_original_viewed,
    release_withheld,
    resolve_doubt,
    resubmit,
    undo_correction,
)
from gongkai.web.review.deps import ApproverDep, ReviewerDep, SessionDep, render
from gongkai.web.review.rendering import TYPE_LABELS, render_decision

router = APIRouter()


_EDITABLE = {DecisionState.IN_REVIEW.value, DecisionState.REJECTED.value}


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
    return render(
        request,
        "review/decision.html",
        {
            "view": view,
            "rendered": rendered,
            "corrections": view.corrections,
            "undone": undone,
            "editable": decision.state in _EDITABLE and batch_open,
            "can_decide": user.user.role == Role.APPROVER,
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
