"""Data functions for the review app: the queue, corrections, doubts and decisions.

Corrections and annotations are append-only. A decision's redaction in force is its machine
result (the redactions row's spans) with the human annotations of its corrections on top, in
order, minus those of corrections undone later; the review app renders the text from them with
``gongkai.redaction.render`` (the store does not import the redactor).

Four-eyes: every change to a batch's decisions (a correction, an undo, a resolved doubt, a
released withholding) records who made it on the batch; that person may not approve the batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from .audit import audit, set_state
from .batches import create_review_batch
from .models import (
    Annotation,
    AnnotationAction,
    AnnotationOrigin,
    AuditEntry,
    BatchOutcome,
    BatchState,
    ChannelStatus,
    Correction,
    CorrectionAction,
    Decision,
    DecisionState,
    DoubtResolution,
    RecordVersion,
    RedactionRecord,
    ReviewBatch,
    User,
    utcnow,
)
from .publication import publications_of, record_taken_down


class ReviewError(ValueError):
    """A review action that may not be done now; the message (Chinese) says why."""


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    batch: ReviewBatch
    size: int
    flagged: int  # decisions with a doubt not yet resolved
    overdue: bool


def review_queue(
    session: Session,
    *,
    today: dt.date,
    agency: str | None = None,
    state: str | None = BatchState.OPEN,
    overdue_only: bool = False,
) -> list[QueueRow]:
    """Batches, overdue first, then by due date; with their size and flagged decisions."""
    size = (
        select(Decision.batch_id, func.count().label("n"))
        .where(Decision.batch_id.is_not(None))
        .group_by(Decision.batch_id)
        .subquery()
    )
    statement = select(ReviewBatch, func.coalesce(size.c.n, 0)).outerjoin(
        size, size.c.batch_id == ReviewBatch.id
    )
    if agency:
        statement = statement.where(ReviewBatch.agency == agency)
    if state:
        statement = statement.where(ReviewBatch.state == state)
    if overdue_only:
        statement = statement.where(ReviewBatch.due_date < today)
    overdue = case((ReviewBatch.due_date < today, 0), else_=1)
    statement = statement.order_by(
        overdue, ReviewBatch.due_date.is_(None), ReviewBatch.due_date, ReviewBatch.id
    )
    rows = session.execute(statement).all()
    flagged = _flagged_counts(session, [batch.id for batch, _ in rows])
    return [
        QueueRow(
            batch,
            int(n),
            flagged.get(batch.id, 0),
            batch.due_date is not None and batch.due_date < today,
        )
        for batch, n in rows
    ]


def _flagged_counts(session: Session, batch_ids: list[int]) -> dict[int, int]:
    """Per batch, how many decisions still have a doubt nobody has resolved."""
    if not batch_ids:
        return {}
    resolved = (
        select(DoubtResolution.redaction_id, func.count().label("n"))
        .group_by(DoubtResolution.redaction_id)
        .subquery()
    )
    rows = session.execute(
        select(Decision.batch_id, RedactionRecord.doubts, func.coalesce(resolved.c.n, 0))
        .join(RedactionRecord, RedactionRecord.record_version_id == Decision.current_version_id)
        .outerjoin(resolved, resolved.c.redaction_id == RedactionRecord.id)
        .where(Decision.batch_id.in_(batch_ids))
    )
    counts: dict[int, int] = {}
    for batch_id, doubts, n_resolved in rows:
        if len(doubts or []) > n_resolved:
            counts[batch_id] = counts.get(batch_id, 0) + 1
    return counts


def agencies(session: Session) -> list[str]:
    return list(session.scalars(select(ReviewBatch.agency).distinct().order_by(ReviewBatch.agency)))


@dataclass
class DecisionView:
    """What the review pages show of one decision (originals included: staff only)."""

    decision: Decision
    version: RecordVersion
    redaction: RedactionRecord | None
    record: dict[str, Any]
    corrections: list[Correction] = field(default_factory=list)
    resolved_doubts: dict[int, DoubtResolution] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(self.record.get("full_text", ""))

    @property
    def doubts(self) -> list[dict[str, Any]]:
        return list(self.redaction.doubts) if self.redaction else []

    @property
    def open_doubts(self) -> list[int]:
        return [i for i in range(len(self.doubts)) if i not in self.resolved_doubts]

    @property
    def flagged(self) -> bool:
        return bool(self.doubts)


def decision_view(session: Session, decision: Decision) -> DecisionView:
    if decision.current_version_id is None:
        raise ReviewError(f"决定 {decision.source_id} 没有当前版本")
    version = session.get(RecordVersion, decision.current_version_id)
    assert version is not None
    redaction = session.scalar(
        select(RedactionRecord).where(RedactionRecord.record_version_id == version.id)
    )
    corrections = list(
        session.scalars(
            select(Correction)
            .where(Correction.record_version_id == version.id)
            .order_by(Correction.id)
        )
    )
    resolved: dict[int, DoubtResolution] = {}
    if redaction is not None:
        resolved = {
            r.doubt_index: r
            for r in session.scalars(
                select(DoubtResolution).where(DoubtResolution.redaction_id == redaction.id)
            )
        }
    return DecisionView(
        decision, version, redaction, json.loads(version.raw), corrections, resolved
    )


def batch_decisions(session: Session, batch: ReviewBatch) -> list[DecisionView]:
    decisions = session.scalars(
        select(Decision).where(Decision.batch_id == batch.id).order_by(Decision.id)
    )
    return [decision_view(session, d) for d in decisions]


def decisions_in_state(session: Session, state: DecisionState, limit: int = 200) -> list[Decision]:
    return list(
        session.scalars(
            select(Decision)
            .where(Decision.state == state.value)
            .order_by(Decision.due_date.is_(None), Decision.due_date, Decision.id)
            .limit(limit)
        )
    )


def annotations_in_force(session: Session, view: DecisionView) -> list[dict[str, Any]]:
    """Machine spans, then human annotations of corrections not undone, in order made.

    Plain dicts (start, end, type, action, recognizer, score, explanation, human): the shape of
    ``gongkai.redaction.render.Annotation``.
    """
    out: list[dict[str, Any]] = []
    if view.redaction is not None:
        for span in view.redaction.spans:
            out.append(
                {
                    "start": span["start"],
                    "end": span["end"],
                    "type": span["type"],
                    "action": AnnotationAction.REDACT.value,
                    "recognizer": span.get("recognizer", ""),
                    "score": float(span.get("score", 1.0)),
                    "explanation": span.get("explanation", ""),
                    "human": False,
                }
            )
    undone = _undone(view.corrections)
    rows = session.scalars(
        select(Annotation)
        .where(
            Annotation.record_version_id == view.version.id,
            Annotation.origin == AnnotationOrigin.HUMAN.value,
        )
        .order_by(Annotation.id)
    )
    for row in rows:
        if row.correction_id in undone:
            continue
        out.append(
            {
                "start": row.start,
                "end": row.end,
                "type": row.entity_type,
                "action": row.action,
                "recognizer": row.source,
                "score": row.score,
                "explanation": row.explanation,
                "human": True,
            }
        )
    return out


def _undone(corrections: Iterable[Correction]) -> set[int]:
    return {
        c.undoes_id
        for c in corrections
        if c.action == CorrectionAction.UNDO.value and c.undoes_id is not None
    }


def active_corrections(view: DecisionView) -> list[Correction]:
    undone = _undone(view.corrections)
    return [
        c
        for c in view.corrections
        if c.action != CorrectionAction.UNDO.value and c.id not in undone
    ]


# --- changing ------------------------------------------------------------------------------


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    found, start = [], text.find(value)
    while value and start != -1:
        found.append((start, start + len(value)))
        start = text.find(value, start + len(value))
    return found


def _touch(batch: ReviewBatch | None, actor: str) -> None:
    if batch is not None:
        batch.last_edited_by = actor
        batch.last_edited_at = utcnow()


def _editable(decision: Decision) -> None:
    editable = {DecisionState.IN_REVIEW, DecisionState.REJECTED, DecisionState.WITHHELD}
    if decision.state not in {s.value for s in editable}:
        raise ReviewError(f"决定 {decision.source_id} 当前状态为 {decision.state}，不能修改")


def correct(
    session: Session,
    decision: Decision,
    *,
    actor: str,
    action: CorrectionAction | str,
    value: str,
    entity_type: str,
    scope: str = "decision",
    reason: str | None = None,
) -> Correction:
    """Mark a missed value (``mark``) or unmark a false positive (``unmark``) at every
    identical occurrence in the decision, or with ``scope="batch"`` in every decision of its
    batch. Returns the correction; raises :class:`ReviewError` when the value is not in the
    text."""
    action = CorrectionAction(action)
    if action is CorrectionAction.UNDO:
        raise ReviewError("撤销请使用 undo_correction")
    if scope not in ("decision", "batch"):
        raise ReviewError(f"未知范围 {scope!r}")
    value = value.strip()
    if not value:
        raise ReviewError("请选择要标注的文字")
    _editable(decision)
    batch = session.get(ReviewBatch, decision.batch_id) if decision.batch_id else None
    if batch is not None and batch.state != BatchState.OPEN.value:
        raise ReviewError(f"批次 {batch.id} 已结束，不能修改")
    targets = [decision]
    if scope == "batch" and batch is not None:
        targets = list(
            session.scalars(
                select(Decision).where(Decision.batch_id == batch.id).order_by(Decision.id)
            )
        )
    assert decision.current_version_id is not None
    correction = Correction(
        record_version_id=decision.current_version_id,
        batch_id=batch.id if batch else None,
        actor=actor,
        action=action.value,
        entity_type=entity_type,
        value=value,
        scope=scope,
        reason=reason,
        created_at=utcnow(),
    )
    session.add(correction)
    session.flush()
    annotation_action = (
        AnnotationAction.REDACT if action is CorrectionAction.MARK else AnnotationAction.KEEP
    )
    found: dict[str, int] = {}
    for target in targets:
        version = session.get(RecordVersion, target.current_version_id)
        assert version is not None
        text = str(json.loads(version.raw).get("full_text", ""))
        places = _occurrences(text, value)
        for start, end in places:
            session.add(
                Annotation(
                    record_version_id=version.id,
                    start=start,
                    end=end,
                    entity_type=entity_type,
                    action=annotation_action.value,
                    origin=AnnotationOrigin.HUMAN.value,
                    source=actor,
                    explanation=f"{'标注' if action is CorrectionAction.MARK else '取消标注'}"
                    f"（{actor}，更正 {correction.id}）",
                    score=1.0,
                    correction_id=correction.id,
                    created_at=utcnow(),
                )
            )
        if places:
            found[target.source_id] = len(places)
    if decision.source_id not in found:
        raise ReviewError("所选文字不在本决定书原文中")
    _touch(batch, actor)
    audit(
        session,
        actor=actor,
        action=f"correction_{action.value}",
        subject=decision,
        reason=reason,
        # The value is an original: the audit log names its type and length, not the value.
        details={
            "correction_id": correction.id,
            "entity_type": entity_type,
            "value_length": len(value),
            "scope": scope,
            "occurrences": found,
        },
    )
    return correction


def undo_correction(
    session: Session, correction: Correction, *, actor: str, reason: str | None = None
) -> Correction:
    if correction.action == CorrectionAction.UNDO.value:
        raise ReviewError("撤销操作本身不能撤销；请重新标注")
    already = session.scalar(select(Correction.id).where(Correction.undoes_id == correction.id))
    if already is not None:
        raise ReviewError(f"更正 {correction.id} 已被撤销")
    decision = session.scalar(
        select(Decision).where(Decision.current_version_id == correction.record_version_id)
    )
    if decision is None:
        raise ReviewError("该更正所属的版本已被新版本取代")
    _editable(decision)
    batch = session.get(ReviewBatch, correction.batch_id) if correction.batch_id else None
    if batch is not None and batch.state != BatchState.OPEN.value:
        raise ReviewError(f"批次 {batch.id} 已结束，不能修改")
    undo = Correction(
        record_version_id=correction.record_version_id,
        batch_id=correction.batch_id,
        actor=actor,
        action=CorrectionAction.UNDO.value,
        entity_type=correction.entity_type,
        value=None,
        scope=correction.scope,
        undoes_id=correction.id,
        reason=reason,
        created_at=utcnow(),
    )
    session.add(undo)
    session.flush()
    _touch(batch, actor)
    audit(
        session,
        actor=actor,
        action="correction_undone",
        subject=decision,
        reason=reason,
        details={"correction_id": undo.id, "undoes": correction.id},
    )
    return undo


def resolve_doubt(
    session: Session, view: DecisionView, index: int, *, actor: str, note: str
) -> DoubtResolution:
    if view.redaction is None or not 0 <= index < len(view.doubts):
        raise ReviewError("没有这一项疑点")
    if index in view.resolved_doubts:
        raise ReviewError("该疑点已处理")
    if not note.strip():
        raise ReviewError("请说明如何处理该疑点")
    _editable(view.decision)
    resolution = DoubtResolution(
        redaction_id=view.redaction.id,
        doubt_index=index,
        actor=actor,
        note=note.strip(),
        created_at=utcnow(),
    )
    session.add(resolution)
    session.flush()
    view.resolved_doubts[index] = resolution
    batch = session.get(ReviewBatch, view.decision.batch_id) if view.decision.batch_id else None
    _touch(batch, actor)
    audit(
        session,
        actor=actor,
        action="doubt_resolved",
        subject=view.decision,
        reason=note.strip(),
        details={"doubt_index": index, "kind": view.doubts[index].get("kind")},
    )
    return resolution


def approve_batch(
    session: Session,
    batch: ReviewBatch,
    *,
    actor: str,
    blocked: dict[str, str] | None = None,
) -> list[Decision]:
    """Approve every decision of an open batch.

    Refused (:class:`ReviewError`) when ``actor`` made the batch's last change (four-eyes), when
    any decision still has an unresolved doubt, or when ``blocked`` (source id → reason, e.g.
    the leak guard's verdict on the text as now rendered, which the caller computes) is not
    empty.
    """
    _open(batch)
    views = batch_decisions(session, batch)
    if actor == last_editor(batch, views):
        raise ReviewError("四眼原则：最后修改本批次的人不能批准本批次，请由另一位审批人批准")
    if not views:
        raise ReviewError("批次中没有决定书")
    waiting = [v.decision.source_id for v in views if v.open_doubts]
    if waiting:
        raise ReviewError(f"以下决定书仍有未处理的疑点，需逐份阅读处理：{'、'.join(waiting)}")
    if blocked:
        listed = "；".join(f"{sid}：{why}" for sid, why in blocked.items())
        raise ReviewError(f"以下决定书未通过泄露检查：{listed}")
    for view in views:
        set_state(
            session,
            view.decision,
            DecisionState.APPROVED,
            actor=actor,
            reason=f"review batch {batch.id} approved",
            details={"batch_id": batch.id},
        )
    _close(session, batch, BatchOutcome.APPROVED, actor, None)
    return [v.decision for v in views]


def last_editor(batch: ReviewBatch, views: Sequence[DecisionView]) -> str | None:
    """Who made the latest change to the batch or to any of its decisions (also before they
    were batched: a rejected decision corrected and resubmitted lands in a new batch)."""
    edits: list[tuple[dt.datetime, str]] = []
    if batch.last_edited_by and batch.last_edited_at:
        edits.append((batch.last_edited_at, batch.last_edited_by))
    for view in views:
        edits += [(c.created_at, c.actor) for c in view.corrections]
        edits += [(r.created_at, r.actor) for r in view.resolved_doubts.values()]
    return max(edits)[1] if edits else None


def reject_batch(
    session: Session, batch: ReviewBatch, *, actor: str, reason: str
) -> list[Decision]:
    """Send every decision of an open batch back (state ``rejected``, out of the batch)."""
    _open(batch)
    if not reason.strip():
        raise ReviewError("退回必须说明理由")
    decisions = list(session.scalars(select(Decision).where(Decision.batch_id == batch.id)))
    for decision in decisions:
        decision.batch_id = None  # the audit entry keeps which batch sent it back
        set_state(
            session,
            decision,
            DecisionState.REJECTED,
            actor=actor,
            reason=reason.strip(),
            details={"batch_id": batch.id},
        )
    _close(session, batch, BatchOutcome.REJECTED, actor, reason.strip())
    return decisions


def resubmit(session: Session, decision: Decision, *, actor: str) -> None:
    """A rejected decision, fixed, goes back to the pool the batch flow takes from."""
    if decision.state != DecisionState.REJECTED.value:
        raise ReviewError("只有被退回的决定书可以重新提交")
    decision.batch_id = None
    set_state(session, decision, DecisionState.REDACTED, actor=actor, reason="resubmitted")


def confirm_withheld(session: Session, decision: Decision, *, actor: str, note: str) -> None:
    if decision.state != DecisionState.WITHHELD.value:
        raise ReviewError("该决定书不在不予公开状态")
    audit(
        session,
        actor=actor,
        action="withholding_confirmed",
        subject=decision,
        reason=note.strip() or None,
    )


def release_withheld(session: Session, decision: Decision, *, actor: str, reason: str) -> None:
    """Release a withheld decision for publication: back to ``redacted``, to be batched and
    reviewed like any other. The reason is required and audited."""
    if decision.state != DecisionState.WITHHELD.value:
        raise ReviewError("该决定书不在不予公开状态")
    if not reason.strip():
        raise ReviewError("解除不予公开必须说明理由")
    decision.batch_id = None
    set_state(
        session,
        decision,
        DecisionState.REDACTED,
        actor=actor,
        reason=reason.strip(),
        details={"released": True},
    )


def record_original_viewed(
    session: Session, subject: Decision | ReviewBatch, *, actor: str
) -> None:
    """Staff saw originals (a decision, or every decision of a batch): audited."""
    audit(session, actor=actor, action="original_viewed", subject=subject)


def _open(batch: ReviewBatch) -> None:
    if batch.state != BatchState.OPEN.value:
        raise ReviewError(f"批次 {batch.id} 已结束（{batch.outcome}）")


def _close(
    session: Session,
    batch: ReviewBatch,
    outcome: BatchOutcome,
    actor: str,
    reason: str | None,
) -> None:
    batch.state = BatchState.CLOSED.value
    batch.outcome = outcome.value
    batch.decided_by = actor
    batch.decided_at = utcnow()
    batch.outcome_reason = reason
    audit(
        session,
        actor=actor,
        action=f"batch_{outcome.value}",
        subject=batch,
        from_state=BatchState.OPEN,
        to_state=BatchState.CLOSED,
        reason=reason,
    )


# --- audit and corrections export ----------------------------------------------------------


def audit_entries(
    session: Session,
    *,
    actor: str | None = None,
    action: str | None = None,
    subject: str | None = None,
    limit: int | None = 100,
    before_id: int | None = None,
) -> Sequence[AuditEntry]:
    statement = select(AuditEntry).order_by(AuditEntry.id.desc())
    if actor:
        statement = statement.where(AuditEntry.actor == actor)
    if action:
        statement = statement.where(AuditEntry.action == action)
    if subject:
        statement = statement.where(AuditEntry.subject_id == subject)
    if before_id is not None:
        statement = statement.where(AuditEntry.id < before_id)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))


def corrections_gold(session: Session) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    """Every decision version with corrections in force, as (export record, gold row): the
    gold row lists what must be removed (machine spans not unmarked, plus human marks) and what
    must stay (unmarked values), for ``gongkai eval`` to learn from."""
    version_ids = session.scalars(
        select(Correction.record_version_id).distinct().order_by(Correction.record_version_id)
    )
    for version_id in list(version_ids):
        decision = session.scalar(select(Decision).where(Decision.current_version_id == version_id))
        if decision is None:
            continue
        view = decision_view(session, decision)
        if not active_corrections(view):
            continue
        record = view.record
        text = view.text
        pii: list[dict[str, Any]] = []
        keep: list[dict[str, Any]] = []
        current: list[dict[str, Any]] = []
        for a in annotations_in_force(session, view):
            if a["action"] == AnnotationAction.KEEP.value:
                current = [
                    c for c in current if not (c["start"] < a["end"] and a["start"] < c["end"])
                ]
                keep.append(
                    {
                        "start": a["start"],
                        "end": a["end"],
                        "type": a["type"],
                        "text": text[a["start"] : a["end"]],
                    }
                )
            else:
                current.append(a)
        for a in sorted(current, key=lambda a: a["start"]):
            pii.append(
                {
                    "start": a["start"],
                    "end": a["end"],
                    "type": a["type"],
                    "text": text[a["start"] : a["end"]],
                }
            )
        gold = {
            "source_id": record.get("source_id"),
            "publishable": view.redaction.publishable if view.redaction else False,
            "withhold_reason": view.redaction.withhold_reason if view.redaction else None,
            "pii": pii,
            "keep": keep,
            "corrections": [
                {"id": c.id, "action": c.action, "type": c.entity_type, "actor": c.actor}
                for c in active_corrections(view)
            ],
        }
        yield record, gold


def user_display_names(session: Session) -> dict[str, str]:
    return {u.actor: u.display_name for u in session.scalars(select(User))}


# --- correcting a published decision; a new machine result (issue 5) ------------------------

# A decision approved (not out yet) or published can be reopened for correction. Its channel
# copies stay as they are while it is in review, unless it is taken down first.
REOPENABLE = frozenset({DecisionState.APPROVED.value, DecisionState.PUBLISHED.value})
# The audit action that makes a review batch a correction batch: the batch table has no column
# for its purpose, the audit log says it (see :func:`correction_batch_ids`).
CORRECTION_BATCH = "correction_batch_opened"
# What readers see in place of a decision taken down for correction.
CORRECTION_NOTICE = "本决定书正在更正，暂不公开。"


def reopen_for_correction(
    session: Session,
    decision: Decision,
    *,
    actor: str,
    reason: str,
    take_down: bool = False,
    due_date: dt.date | None = None,
    details: dict[str, Any] | None = None,
) -> ReviewBatch:
    """Send an approved or published decision back to review, in a correction batch of its
    own (due ``due_date``), to be corrected, approved by four eyes and published again: the
    publish flow renders it again and writes the new text to the channels (a correction in
    their change feeds). The reason is required and audited (``reopened_for_correction``,
    and ``correction_batch_opened`` on the batch). The person who reopens counts as the
    batch's last editor until someone else changes it.

    While it is in review the channels keep showing what they show, unless ``take_down``:
    then it is hidden on every channel that shows it first (:func:`hide_on_channels`).
    Raises :class:`ReviewError` when the decision cannot be reopened (or a channel cannot be
    written; the channels hidden before that are recorded). Returns the new batch."""
    reason = reason.strip()
    if not reason:
        raise ReviewError("更正并重新发布必须说明理由")
    if decision.state not in REOPENABLE:
        raise ReviewError(
            f"决定书 {decision.source_id} 当前状态为 {decision.state}，"
            "只有已批准或已发布的决定书可以更正并重新发布"
        )
    version = (
        session.get(RecordVersion, decision.current_version_id)
        if decision.current_version_id is not None
        else None
    )
    if version is None:
        raise ReviewError(f"决定 {decision.source_id} 没有当前版本")
    from_state = decision.state
    hidden = hide_on_channels(session, decision, actor=actor, reason=reason) if take_down else []
    extra = dict(details or {})
    batch = create_review_batch(
        session, agency=version.agency or "", due_date=due_date, actor=actor
    )
    audit(
        session,
        actor=actor,
        action=CORRECTION_BATCH,
        subject=batch,
        reason=reason,
        details={
            "source_id": decision.source_id,
            "from_state": from_state,
            "take_down": take_down,
            **extra,
        },
    )
    decision.batch_id = batch.id
    decision.due_date = due_date
    set_state(
        session,
        decision,
        DecisionState.IN_REVIEW,
        actor=actor,
        reason=reason,
        details={"batch_id": batch.id, "correction": True, "take_down": take_down},
    )
    _touch(batch, actor)
    audit(
        session,
        actor=actor,
        action="reopened_for_correction",
        subject=decision,
        reason=reason,
        details={
            "batch_id": batch.id,
            "from_state": from_state,
            "take_down": take_down,
            "hidden_on": hidden,
            **extra,
        },
    )
    return batch


def correction_batch_ids(session: Session, batch_ids: Iterable[int]) -> set[int]:
    """Those of these batches that were opened to correct a published (or approved)
    decision."""
    wanted = sorted({str(i) for i in batch_ids})
    if not wanted:
        return set()
    return {
        int(subject_id)
        for subject_id in session.scalars(
            select(AuditEntry.subject_id).where(
                AuditEntry.subject_type == "review_batch",
                AuditEntry.subject_id.in_(wanted),
                AuditEntry.action == CORRECTION_BATCH,
            )
        )
    }


def hide_on_channels(
    session: Session,
    decision: Decision,
    *,
    actor: str,
    reason: str,
    notice: str = CORRECTION_NOTICE,
) -> list[str]:
    """Hide the decision on every channel that shows it (``notice`` in its place), as a
    leak report does: each channel store in a transaction of its own (the stores the flows
    use, ``gongkai.publication.db``), then the record of what the channel now shows in
    ``session`` (``channel_hidden``, audited with ``reason``). Done again after a failure,
    it records what the earlier attempt left hidden. Returns the channels now hidden."""
    live = sorted(
        channel
        for channel, row in publications_of(session, decision).items()
        if row.status == ChannelStatus.PUBLISHED.value
    )
    if not live:
        return []
    # Imported here: the store itself never needs the channel stores' code.
    from sqlalchemy.exc import SQLAlchemyError

    from gongkai.publication import write as channel_write
    from gongkai.publication.db import open_channel, require_current_channel_schema

    now = utcnow()
    hidden = []
    for channel in live:
        try:
            engine = open_channel(channel)
            try:
                require_current_channel_schema(engine)
                with Session(engine) as channel_session, channel_session.begin():
                    channel_write.hide(
                        channel_session,
                        channel_write.public_id_for(decision.source_id),
                        now=now,
                        reason=notice,
                    )
                    row = channel_write.current(channel_session, decision.source_id)
                    shown = None if row is None else row.status
            finally:
                engine.dispose()
        except (SQLAlchemyError, RuntimeError, OSError) as exc:
            raise ReviewError(
                f"无法从 {channel} 渠道撤下决定书 {decision.source_id}：{exc}"
            ) from exc
        if shown == ChannelStatus.HIDDEN.value:
            record_taken_down(
                session,
                decision,
                channel=channel,
                status=ChannelStatus.HIDDEN,
                reason=notice,
                at=now,
                actor=actor,
                details={"correction": True, "why": reason},
            )
            hidden.append(channel)
    return hidden


_MACHINE_FIELDS = (
    "publishable",
    "withhold_reason",
    "withhold_details",
    "redacted_text",
    "spans",
    "doubts",
)


def machine_fields(result: Mapping[str, Any]) -> dict[str, Any]:
    """What a redaction row keeps of ``RedactionResult.to_dict()`` (the engine version
    aside): compare two results with it."""
    return {
        "publishable": bool(result["publishable"]),
        "withhold_reason": result.get("withhold_reason"),
        "withhold_details": list(result.get("withhold_details") or []),
        "redacted_text": result["redacted_text"],
        "spans": list(result.get("spans") or []),
        "doubts": list(result.get("doubts") or []),
    }


def stored_machine_fields(row: RedactionRecord) -> dict[str, Any]:
    return machine_fields({name: getattr(row, name) for name in _MACHINE_FIELDS})


def _span_keys(spans: Iterable[Mapping[str, Any]]) -> list[tuple[int, int, str]]:
    return sorted((int(s["start"]), int(s["end"]), str(s["type"])) for s in spans)


def replace_machine_result(
    session: Session,
    decision: Decision,
    result: Mapping[str, Any],
    *,
    engine_version: str,
    actor: str,
    reason: str | None = None,
) -> dict[str, Any] | None:
    """Store a new machine result (``RedactionResult.to_dict()`` of the current redactor)
    for the decision's current version in place of the one it has; audited
    (``redaction_replaced``: engine versions, spans added and removed by place and type,
    doubts and withholding reasons before and after, and the previous spans and doubts by
    place, so the machine's history stays in the append-only log; never an original value).

    Human annotations and corrections are not touched: :func:`annotations_in_force` puts them
    on top of the new spans, and they can still be undone. A doubt resolution follows its
    doubt when the new result has the same doubt (kind, message, place); the others are
    dropped (listed in the audit entry; their notes are in the log already). The state and
    the batch do not change here, nor the batch's last editor (the machine is not a pair of
    eyes).

    Returns ``None`` and writes nothing when the result is the one stored; otherwise the
    audit entry's details."""
    view = decision_view(session, decision)
    row = view.redaction
    if row is None:
        raise ReviewError(f"决定书 {decision.source_id} 尚无机器脱敏结果")
    old = stored_machine_fields(row)
    new = machine_fields(result)
    if old == new:
        return None
    # Doubt resolutions: re-keyed to the same doubt in the new list, or dropped.
    taken: set[int] = set()
    moves: list[tuple[DoubtResolution, int]] = []
    dropped: list[DoubtResolution] = []
    for resolution in sorted(view.resolved_doubts.values(), key=lambda r: r.doubt_index):
        index = resolution.doubt_index
        doubt = old["doubts"][index] if 0 <= index < len(old["doubts"]) else None
        target = next(
            (i for i, d in enumerate(new["doubts"]) if i not in taken and d == doubt),
            None,
        )
        if target is None:
            dropped.append(resolution)
        else:
            taken.add(target)
            moves.append((resolution, target))
    dropped_info = [
        {
            "doubt_index": r.doubt_index,
            "kind": (old["doubts"][r.doubt_index] or {}).get("kind")
            if 0 <= r.doubt_index < len(old["doubts"])
            else None,
            "actor": r.actor,
        }
        for r in dropped
    ]
    for resolution in dropped:
        session.delete(resolution)
    for n, (resolution, _) in enumerate(moves):  # unique (redaction, index): in two steps
        resolution.doubt_index = -1 - n
    session.flush()
    for resolution, target in moves:
        resolution.doubt_index = target
    previous_engine = row.engine_version
    for name in _MACHINE_FIELDS:
        setattr(row, name, new[name])
    row.engine_version = engine_version
    session.flush()
    before, after = set(_span_keys(old["spans"])), set(_span_keys(new["spans"]))
    details: dict[str, Any] = {
        "record_version_id": row.record_version_id,
        "redaction_id": row.id,
        "engine_version": {"from": previous_engine, "to": engine_version},
        "spans": {"before": len(old["spans"]), "after": len(new["spans"])},
        "spans_added": [list(k) for k in sorted(after - before)],
        "spans_removed": [list(k) for k in sorted(before - after)],
        "text_changed": old["redacted_text"] != new["redacted_text"],
        "doubts": {"before": len(old["doubts"]), "after": len(new["doubts"])},
        "withhold_reasons": {
            "before": [w.get("reason") for w in old["withhold_details"]],
            "after": [w.get("reason") for w in new["withhold_details"]],
        },
        "resolutions_kept": len(moves),
        "resolutions_dropped": dropped_info,
        "previous": {
            "spans": [
                [s["start"], s["end"], s["type"], s.get("recognizer", ""), s.get("score")]
                for s in old["spans"]
            ],
            "doubts": [[d.get("kind"), d.get("start"), d.get("end")] for d in old["doubts"]],
        },
    }
    audit(
        session,
        actor=actor,
        action="redaction_replaced",
        subject=decision,
        reason=reason,
        details=details,
    )
    return details
