"""Data functions for publication: what each channel holds of each decision, channel openings
per agency, problem reports collected from the channels, decisions sent back to review, and the
publication deadline (overdue decisions).

The channel stores themselves are written by ``gongkai.publication``; the internal store keeps
the record of every write here, one row per (decision, channel), written *after* the channel's
own transaction committed. Recording the same write again changes nothing, so a flow that
crashed between a channel write and its record simply does both again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ._sql import insert_ignore
from .audit import audit, set_state
from .batches import add_to_batch, create_review_batch
from .models import (
    CHANNEL_NAMES,
    BatchState,
    ChannelOpening,
    ChannelStatus,
    Decision,
    DecisionState,
    ProblemReportRecord,
    Publication,
    RecordVersion,
    ReportKind,
    ReviewBatch,
    utcnow,
)

S = DecisionState


def _channel(channel: str) -> str:
    if channel not in CHANNEL_NAMES:
        raise ValueError(f"unknown channel {channel!r} (known: {', '.join(CHANNEL_NAMES)})")
    return channel


# --- channel openings ------------------------------------------------------------------------


def open_channel_for(
    session: Session,
    *,
    channel: str,
    agency: str,
    opens_on: dt.date,
    actor: str,
    source: str = "command",
) -> tuple[ChannelOpening, bool]:
    """Open ``channel`` for ``agency`` from ``opens_on`` on; audited. Returns the opening and
    whether anything changed: the same opening again is a no-op, a new date replaces the old
    one (audited with both dates). An opening from the settings never overrides one given by a
    command."""
    _channel(channel)
    agency = agency.strip()
    if not agency:
        raise ValueError("name the agency")
    existing = session.scalar(
        select(ChannelOpening)
        .where(ChannelOpening.channel == channel, ChannelOpening.agency == agency)
        .with_for_update()
    )
    if existing is not None:
        if existing.opens_on == opens_on or (source == "settings" and existing.source != source):
            return existing, False
        previous = existing.opens_on
        existing.opens_on = opens_on
        existing.opened_by = actor
        existing.source = source
        audit(
            session,
            actor=actor,
            action="channel_opening_changed",
            subject=existing,
            reason=f"{channel} for {agency} from {opens_on.isoformat()}",
            details={"from": previous.isoformat(), "to": opens_on.isoformat(), "source": source},
        )
        return existing, True
    opening_id = insert_ignore(
        session,
        ChannelOpening,
        {
            "channel": channel,
            "agency": agency,
            "opens_on": opens_on,
            "opened_by": actor,
            "source": source,
            "created_at": utcnow(),
        },
        ["channel", "agency"],
    )
    opening = session.scalar(
        select(ChannelOpening).where(
            ChannelOpening.channel == channel, ChannelOpening.agency == agency
        )
    )
    assert opening is not None
    if opening_id is None:  # a concurrent caller opened it first
        return opening, False
    audit(
        session,
        actor=actor,
        action="channel_opened",
        subject=opening,
        reason=f"{channel} for {agency} from {opens_on.isoformat()}",
        details={"opens_on": opens_on.isoformat(), "source": source},
    )
    return opening, True


def channel_openings(session: Session, channel: str | None = None) -> list[ChannelOpening]:
    statement = select(ChannelOpening).order_by(ChannelOpening.channel, ChannelOpening.agency)
    if channel is not None:
        statement = statement.where(ChannelOpening.channel == _channel(channel))
    return list(session.scalars(statement))


def open_agencies(session: Session, channel: str, today: dt.date) -> set[str]:
    """Agencies whose ``channel`` is open today."""
    return set(
        session.scalars(
            select(ChannelOpening.agency).where(
                ChannelOpening.channel == _channel(channel), ChannelOpening.opens_on <= today
            )
        )
    )


# --- what each channel holds -----------------------------------------------------------------


def publications_of(session: Session, decision: Decision) -> dict[str, Publication]:
    rows = session.scalars(select(Publication).where(Publication.decision_id == decision.id))
    return {row.channel: row for row in rows}


def record_published(
    session: Session,
    decision: Decision,
    *,
    channel: str,
    public_id: str,
    content_hash: str,
    revision: int,
    at: dt.datetime,
    actor: str,
) -> bool:
    """Record that ``channel`` now holds this content of ``decision`` (live). Returns ``False``
    (and writes nothing) when that is already recorded."""
    _channel(channel)
    row = session.scalar(
        select(Publication)
        .where(Publication.decision_id == decision.id, Publication.channel == channel)
        .with_for_update()
    )
    if row is None:
        row = Publication(
            decision_id=decision.id,
            channel=channel,
            public_id=public_id,
            content_hash=content_hash,
            revision=revision,
            status=ChannelStatus.PUBLISHED.value,
            published_at=at,
            content_at=at,
        )
        session.add(row)
        action, before = "channel_published", None
    elif (
        row.status == ChannelStatus.PUBLISHED.value
        and row.content_hash == content_hash
        and row.revision == revision
    ):
        return False
    else:
        before = row.status
        live = before == ChannelStatus.PUBLISHED.value
        action = "channel_corrected" if live else "channel_republished"
        row.content_hash = content_hash
        row.revision = revision
        row.status = ChannelStatus.PUBLISHED.value
        row.content_at = at
        row.rule_id = None
    session.flush()
    audit(
        session,
        actor=actor,
        action=action,
        subject=decision,
        reason=channel,
        details={
            "channel": channel,
            "public_id": public_id,
            "revision": revision,
            "content_hash": content_hash,
            "was": before,
        },
    )
    return True


_TAKE_DOWN = {
    ChannelStatus.WITHDRAWN: ("withdrawn_at", "channel_withdrawn"),
    ChannelStatus.EXPIRED: ("expired_at", "channel_expired"),
    ChannelStatus.HIDDEN: ("hidden_at", "channel_hidden"),
}


def record_taken_down(
    session: Session,
    decision: Decision,
    *,
    channel: str,
    status: ChannelStatus | str,
    reason: str,
    at: dt.datetime,
    actor: str,
    rule_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> bool:
    """Record that ``channel`` took the decision down (withdrawn, expired or hidden) with the
    reason readers see. Returns ``False`` when there is nothing on record for that channel or
    it already has that status."""
    status = ChannelStatus(status)
    if status is ChannelStatus.PUBLISHED:
        raise ValueError("use record_published")
    row = session.scalar(
        select(Publication)
        .where(Publication.decision_id == decision.id, Publication.channel == _channel(channel))
        .with_for_update()
    )
    if row is None or row.status == status.value:
        return False
    column, action = _TAKE_DOWN[status]
    before = row.status
    row.status = status.value
    setattr(row, column, at)
    row.reason = reason
    row.rule_id = rule_id
    session.flush()
    audit(
        session,
        actor=actor,
        action=action,
        subject=decision,
        reason=reason,
        details={"channel": channel, "was": before, "rule": rule_id, **(details or {})},
    )
    return True


def live_channels(session: Session, decision: Decision) -> list[str]:
    """The channels showing the decision now (status ``published``)."""
    return sorted(
        session.scalars(
            select(Publication.channel).where(
                Publication.decision_id == decision.id,
                Publication.status == ChannelStatus.PUBLISHED.value,
            )
        )
    )


def finish_publication(session: Session, decision: Decision, *, actor: str) -> bool:
    """An approved decision now on at least one channel becomes ``published`` (audited, with
    the channels). Returns whether it moved."""
    if decision.state != S.APPROVED.value:
        return False
    channels = live_channels(session, decision)
    if not channels:
        return False
    return set_state(
        session,
        decision,
        S.PUBLISHED,
        actor=actor,
        reason=f"published on {', '.join(channels)}",
        details={"channels": channels},
    )


# --- reading for the flows ---------------------------------------------------------------------


def approved_for_publication(session: Session, limit: int | None = None) -> list[int]:
    """Ids of approved decisions, oldest decision first."""
    return list(
        session.scalars(
            select(Decision.id)
            .join(RecordVersion, RecordVersion.id == Decision.current_version_id)
            .where(Decision.state == S.APPROVED.value)
            .order_by(RecordVersion.decision_date, Decision.id)
            .limit(limit)
        )
    )


def missing_from_channel(
    session: Session,
    channel: str,
    agencies: Iterable[str],
    *,
    rules_in_force: Iterable[str] = (),
    decided_on_or_after: dt.date | None = None,
) -> list[int]:
    """Ids of published decisions of ``agencies`` that ``channel`` does not carry, oldest
    first: never written there, or withdrawn there by a channel rule no longer in force
    (``rules_in_force``: the ids of the channel's rules in force today). With
    ``decided_on_or_after``, older decisions are left out (past any publicity period)."""
    agencies = list(agencies)
    if not agencies:
        return []
    on_channel = (
        select(Publication.decision_id)
        .where(Publication.channel == _channel(channel))
        .where((Publication.rule_id.is_(None)) | Publication.rule_id.in_(list(rules_in_force)))
    )
    statement = (
        select(Decision.id)
        .join(RecordVersion, RecordVersion.id == Decision.current_version_id)
        .where(
            Decision.state == S.PUBLISHED.value,
            RecordVersion.agency.in_(agencies),
            Decision.id.not_in(on_channel),
        )
        .order_by(RecordVersion.decision_date, Decision.id)
    )
    if decided_on_or_after is not None:
        statement = statement.where(RecordVersion.decision_date >= decided_on_or_after)
    return list(session.scalars(statement))


@dataclass(frozen=True)
class DueWithdrawal:
    decision_id: int
    source_id: str
    status: str
    recorded_at: dt.datetime
    channels: tuple[str, ...]


def withdrawals_due(session: Session) -> list[DueWithdrawal]:
    """Decisions whose export status calls for withdrawal (changed, revoked, confirmed illegal
    or void) with a channel still carrying what was published before that was recorded."""
    rows = session.execute(
        select(
            Decision.id,
            Decision.source_id,
            Decision.withdrawal_status,
            Decision.withdrawal_recorded_at,
            Publication.channel,
            Publication.content_at,
        )
        .join(Publication, Publication.decision_id == Decision.id)
        .where(
            Decision.withdrawal_status.is_not(None),
            Publication.status != ChannelStatus.WITHDRAWN.value,
        )
        .order_by(Decision.withdrawal_recorded_at, Decision.id, Publication.channel)
    ).all()
    due: dict[int, DueWithdrawal] = {}
    for decision_id, source_id, status, recorded_at, channel, content_at in rows:
        if recorded_at is None or content_at >= recorded_at:
            continue  # published again after the withdrawal was recorded (re-reviewed)
        found = due.get(decision_id)
        channels = (*found.channels, channel) if found else (channel,)
        due[decision_id] = DueWithdrawal(decision_id, source_id, status, recorded_at, channels)
    return list(due.values())


def withheld_but_out(session: Session) -> list[tuple[int, str, tuple[str, ...]]]:
    """(decision id, source id, channels) of withheld decisions a channel still carries: a
    new version of a published decision was withheld (a minor, confidential…). Decisions
    with a withdrawal status are left to :func:`withdrawals_due`."""
    rows = session.execute(
        select(Decision.id, Decision.source_id, Publication.channel)
        .join(Publication, Publication.decision_id == Decision.id)
        .where(
            Decision.state == S.WITHHELD.value,
            Decision.withdrawal_status.is_(None),
            Publication.status != ChannelStatus.WITHDRAWN.value,
        )
        .order_by(Decision.id, Publication.channel)
    ).all()
    found: dict[int, tuple[str, list[str]]] = {}
    for decision_id, source_id, channel in rows:
        found.setdefault(decision_id, (source_id, []))[1].append(channel)
    return [(i, sid, tuple(channels)) for i, (sid, channels) in found.items()]


def unrecorded_candidates(
    session: Session, channel: str, since: dt.datetime
) -> list[tuple[int, str]]:
    """(decision id, source id) of decisions changed since ``since`` that must not be on
    channels (a withdrawal status, or withheld) and have no record for ``channel``: a crash
    between a channel write and its record, followed by a new version, would leave a copy
    the internal store does not know of. The withdraw flow looks for it on the channel."""
    recorded = select(Publication.decision_id).where(Publication.channel == _channel(channel))
    return [
        (decision_id, source_id)
        for decision_id, source_id in session.execute(
            select(Decision.id, Decision.source_id)
            .where(
                (Decision.withdrawal_status.is_not(None)) | (Decision.state == S.WITHHELD.value),
                Decision.updated_at >= since,
                Decision.id.not_in(recorded),
            )
            .order_by(Decision.id)
        )
    ]


def live_on_channel(
    session: Session, channel: str, after_id: int = 0, limit: int = 500
) -> list[tuple[int, int, str]]:
    """(publication id, decision id, source id) of what ``channel`` shows, by publication id
    from ``after_id`` on: the daily re-check and expiry walk through it in pages."""
    return [
        (pid, did, sid)
        for pid, did, sid in session.execute(
            select(Publication.id, Decision.id, Decision.source_id)
            .join(Decision, Decision.id == Publication.decision_id)
            .where(
                Publication.channel == _channel(channel),
                Publication.status == ChannelStatus.PUBLISHED.value,
                Publication.id > after_id,
            )
            .order_by(Publication.id)
            .limit(limit)
        )
    ]


# --- back to review ------------------------------------------------------------------------------

# A published decision can be on a channel; an expired one still on the pilot.
_BACK_TO_REVIEW = frozenset({S.APPROVED.value, S.PUBLISHED.value, S.EXPIRED.value})


def return_to_review(
    session: Session,
    decisions: Sequence[Decision],
    *,
    agency: str,
    actor: str,
    reason: str,
    due_date: dt.date | None,
    details: dict[str, Any] | None = None,
) -> list[Decision]:
    """Send decisions of one agency back to legal staff in a new review batch (state
    ``in_review``), with the reason audited. An approved decision moves there directly. One
    already out (published, or expired and still on the pilot) goes the way the state machine
    allows a decision to re-enter review: back to ``ingested`` and ``redacted`` (its redaction
    and corrections stay), then into the batch. Decisions in any other state (on their way to
    review already, withheld, withdrawn) are left alone. Returns the decisions moved."""
    movable = [d for d in decisions if d.state in _BACK_TO_REVIEW]
    if not movable:
        return []
    batch = create_review_batch(session, agency=agency, due_date=due_date, actor=actor)
    for decision in movable:
        if decision.state != S.APPROVED.value:
            set_state(session, decision, S.INGESTED, actor=actor, reason=reason, details=details)
            set_state(session, decision, S.REDACTED, actor=actor, reason=reason, details=details)
        decision.batch_id = None
        add_to_batch(session, decision, batch, actor=actor, due_date=due_date)
        audit(
            session,
            actor=actor,
            action="returned_to_review",
            subject=decision,
            reason=reason,
            details={"batch_id": batch.id, **(details or {})},
        )
    return movable


# --- problem reports -------------------------------------------------------------------------


def last_collected_report(session: Session, channel: str) -> int:
    """The highest channel report id collected from ``channel`` (0: none yet)."""
    return int(
        session.scalar(
            select(func.max(ProblemReportRecord.channel_report_id)).where(
                ProblemReportRecord.channel == _channel(channel)
            )
        )
        or 0
    )


def decision_for_public_id(session: Session, public_id: str) -> Decision | None:
    decision_id = session.scalar(
        select(Publication.decision_id).where(Publication.public_id == public_id).limit(1)
    )
    return None if decision_id is None else session.get(Decision, decision_id)


def record_problem_report(
    session: Session,
    *,
    channel: str,
    channel_report_id: int,
    public_id: str,
    kind: str,
    message: str,
    reported_at: dt.datetime,
    actor: str,
) -> ProblemReportRecord | None:
    """Copy one report into the internal store (audited). Returns ``None`` when it was
    collected before."""
    kind = ReportKind(kind).value
    decision = decision_for_public_id(session, public_id)
    report_id = insert_ignore(
        session,
        ProblemReportRecord,
        {
            "channel": _channel(channel),
            "channel_report_id": channel_report_id,
            "public_id": public_id,
            "decision_id": None if decision is None else decision.id,
            "kind": kind,
            "message": message,
            "reported_at": reported_at,
            "collected_at": utcnow(),
        },
        ["channel", "channel_report_id"],
    )
    if report_id is None:
        return None
    report = session.get(ProblemReportRecord, report_id)
    assert report is not None
    audit(
        session,
        actor=actor,
        action="problem_reported",
        subject=report,
        reason=kind,
        # The message is a reader's free text: it stays in the report, not in the audit log.
        details={
            "public_id": public_id,
            "source_id": None if decision is None else decision.source_id,
            "message_length": len(message),
        },
    )
    return report


def open_problem_reports(session: Session, limit: int = 200) -> list[ProblemReportRecord]:
    """Reports nobody has handled yet, leaks first, oldest first: for the review queue."""
    leak_first = ProblemReportRecord.kind != ReportKind.LEAK.value
    return list(
        session.scalars(
            select(ProblemReportRecord)
            .where(ProblemReportRecord.handled_at.is_(None))
            .order_by(leak_first, ProblemReportRecord.reported_at, ProblemReportRecord.id)
            .limit(limit)
        )
    )


def handle_problem_report(
    session: Session, report: ProblemReportRecord, *, actor: str, note: str
) -> None:
    """A member of staff has dealt with a report, and says how (audited)."""
    if report.handled_at is not None:
        raise ValueError(f"report {report.channel}:{report.channel_report_id} already handled")
    if not note.strip():
        raise ValueError("say how the report was handled")
    report.handled_by = actor
    report.handled_at = utcnow()
    report.handling_note = note.strip()
    audit(session, actor=actor, action="problem_report_handled", subject=report, reason=note)


# Reading and handling reports in the review app (``/problem-reports``).

# How staff settle a report: the decision needs (another) review, or nothing is wrong with it.
REPORT_OUTCOMES = ("rereview", "no_problem")
# States in which a decision is with legal staff already (or on its way to them).
_WITH_STAFF = frozenset({S.INGESTED.value, S.REDACTED.value, S.IN_REVIEW.value, S.REJECTED.value})


class ProblemReportError(ValueError):
    """A report that cannot be handled this way now; the message (Chinese) says why."""


@dataclass(frozen=True)
class ReportedDecision:
    """What the review app shows of the decision a report is about."""

    id: int
    source_id: str
    decision_no: str | None
    agency: str | None
    state: str
    batch_id: int | None
    batch_open: bool
    channels: dict[str, str]  # channel -> its status there (published, hidden, ...)

    @property
    def hidden_on(self) -> list[str]:
        return sorted(c for c, s in self.channels.items() if s == ChannelStatus.HIDDEN.value)

    @property
    def live_on(self) -> list[str]:
        return sorted(c for c, s in self.channels.items() if s == ChannelStatus.PUBLISHED.value)


@dataclass(frozen=True)
class ReportRow:
    report: ProblemReportRecord
    decision: ReportedDecision | None

    @property
    def key(self) -> str:
        return f"{self.report.channel}:{self.report.channel_report_id}"


def count_open_problem_reports(session: Session) -> int:
    """How many reports nobody has handled yet."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(ProblemReportRecord)
            .where(ProblemReportRecord.handled_at.is_(None))
        )
        or 0
    )


def handled_problem_reports(session: Session, limit: int = 20) -> list[ProblemReportRecord]:
    """The reports handled last, newest first."""
    return list(
        session.scalars(
            select(ProblemReportRecord)
            .where(ProblemReportRecord.handled_at.is_not(None))
            .order_by(ProblemReportRecord.handled_at.desc(), ProblemReportRecord.id.desc())
            .limit(limit)
        )
    )


def problem_report_for_update(session: Session, report_id: int) -> ProblemReportRecord | None:
    """One report by its id in the internal store, locked for handling."""
    return session.scalar(
        select(ProblemReportRecord).where(ProblemReportRecord.id == report_id).with_for_update()
    )


def _decision_no(raw: str) -> str | None:
    try:
        value = json.loads(raw).get("decision_no")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value.strip() else None


def decision_refs(session: Session, source_ids: Iterable[str]) -> dict[str, tuple[int, str | None]]:
    """source id -> (decision id, document number of the current version) for the pages that
    list decisions by source id (the overdue list)."""
    wanted = list(dict.fromkeys(source_ids))
    found: dict[str, tuple[int, str | None]] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        for source_id, decision_id, raw in session.execute(
            select(Decision.source_id, Decision.id, RecordVersion.raw)
            .outerjoin(RecordVersion, RecordVersion.id == Decision.current_version_id)
            .where(Decision.source_id.in_(part))
        ):
            found[source_id] = (decision_id, None if raw is None else _decision_no(raw))
    return found


def problem_report_rows(
    session: Session, reports: Sequence[ProblemReportRecord]
) -> list[ReportRow]:
    """The reports with what the review app shows of their decisions: document number,
    state, review batch and where the decision is live or hidden."""
    ids = sorted({r.decision_id for r in reports if r.decision_id is not None})
    decisions: dict[int, ReportedDecision] = {}
    if ids:
        channels: dict[int, dict[str, str]] = {}
        for decision_id, channel, status in session.execute(
            select(Publication.decision_id, Publication.channel, Publication.status).where(
                Publication.decision_id.in_(ids)
            )
        ):
            channels.setdefault(decision_id, {})[channel] = status
        rows = session.execute(
            select(
                Decision.id,
                Decision.source_id,
                Decision.state,
                Decision.batch_id,
                RecordVersion.agency,
                RecordVersion.raw,
                ReviewBatch.state,
            )
            .outerjoin(RecordVersion, RecordVersion.id == Decision.current_version_id)
            .outerjoin(ReviewBatch, ReviewBatch.id == Decision.batch_id)
            .where(Decision.id.in_(ids))
        )
        for decision_id, source_id, state, batch_id, agency, raw, batch_state in rows:
            decisions[decision_id] = ReportedDecision(
                id=decision_id,
                source_id=source_id,
                decision_no=None if raw is None else _decision_no(raw),
                agency=agency,
                state=state,
                batch_id=batch_id,
                batch_open=batch_state == BatchState.OPEN.value,
                channels=channels.get(decision_id, {}),
            )
    return [
        ReportRow(r, None if r.decision_id is None else decisions.get(r.decision_id))
        for r in reports
    ]


def resolve_problem_report(
    session: Session,
    report: ProblemReportRecord,
    *,
    actor: str,
    outcome: str,
    note: str,
    today: dt.date,
) -> list[Decision]:
    """Staff settle a report (audited as ``problem_report_handled``, the outcome in details):

    - ``rereview``: the decision needs review. One with staff already (a leak report sent it
      back when it was collected; or ingested, redacted, in review, returned) stays where it
      is; an approved, published or expired one goes back to review in a new batch due
      ``today`` (:func:`return_to_review`). A hidden decision stays hidden until its review
      batch is approved and the publish flow writes it again.
    - ``no_problem``: nothing wrong was found. The report is closed; a decision hidden by a
      leak report comes back on the channels the same way, once its review batch is approved.

    The note is required. Returns the decisions sent back to review."""
    if outcome not in REPORT_OUTCOMES:
        raise ProblemReportError(f"未知的处理结果：{outcome}")
    if report.handled_at is not None:
        raise ProblemReportError(f"该报告已由 {report.handled_by} 处理")
    note = note.strip()
    if not note:
        raise ProblemReportError("请填写处理说明")
    decision = None if report.decision_id is None else session.get(Decision, report.decision_id)
    key = f"{report.channel}:{report.channel_report_id}"
    moved: list[Decision] = []
    if outcome == "rereview":
        if decision is None:
            raise ProblemReportError("该报告未对应到任何决定书，无法退回审核")
        if decision.state not in _WITH_STAFF:
            if decision.state not in _BACK_TO_REVIEW:
                raise ProblemReportError(
                    f"决定书 {decision.source_id} 当前状态（{decision.state}）不能退回审核"
                )
            version = session.get(RecordVersion, decision.current_version_id)
            moved = return_to_review(
                session,
                [decision],
                agency=(version.agency if version else None) or "",
                actor=actor,
                reason=note,
                due_date=today,
                details={"report": key, "kind": report.kind},
            )
    report.handled_by = actor
    report.handled_at = utcnow()
    report.handling_note = note
    audit(
        session,
        actor=actor,
        action="problem_report_handled",
        subject=report,
        reason=note,
        details={
            "outcome": outcome,
            "kind": report.kind,
            "source_id": None if decision is None else decision.source_id,
            "state": None if decision is None else decision.state,
            "batch_id": None if decision is None else decision.batch_id,
            "returned_to_review": bool(moved),
        },
    )
    return moved


# --- the publication deadline ----------------------------------------------------------------


@dataclass(frozen=True)
class OverdueDecision:
    source_id: str
    agency: str | None
    decision_date: dt.date
    due_date: dt.date
    state: str
    batch_id: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "agency": self.agency,
            "decision_date": self.decision_date.isoformat(),
            "due_date": self.due_date.isoformat(),
            "state": self.state,
            "batch_id": self.batch_id,
        }


NOT_YET_PUBLISHED = (S.INGESTED, S.REDACTED, S.IN_REVIEW, S.APPROVED, S.REJECTED)


def overdue(
    session: Session,
    *,
    today: dt.date,
    working_days: int,
    add_working_days: Callable[[dt.date, int], dt.date],
    agency: str | None = None,
) -> list[OverdueDecision]:
    """Decisions not published ``working_days`` working days after their decision date
    (``add_working_days(decision_date, n)``: the caller's calendar), oldest due first.

    "Not published": never on any channel, and not withheld (those are never published).
    Working days are at least as many calendar days, so only decisions dated more than
    ``working_days`` calendar days ago are looked at."""
    statement = (
        select(
            Decision.source_id,
            RecordVersion.agency,
            RecordVersion.decision_date,
            Decision.state,
            Decision.batch_id,
        )
        .join(RecordVersion, RecordVersion.id == Decision.current_version_id)
        .where(
            Decision.state.in_([s.value for s in NOT_YET_PUBLISHED]),
            RecordVersion.decision_date.is_not(None),
            RecordVersion.decision_date < today - dt.timedelta(days=working_days),
            Decision.id.not_in(select(Publication.decision_id)),
        )
        .order_by(RecordVersion.decision_date, Decision.source_id)
    )
    if agency is not None:
        statement = statement.where(RecordVersion.agency == agency)
    out = []
    for source_id, agency_name, decided, state, batch_id in session.execute(statement):
        due = add_working_days(decided, working_days)
        if due < today:
            out.append(OverdueDecision(source_id, agency_name, decided, due, state, batch_id))
    out.sort(key=lambda o: (o.due_date, o.source_id))
    return out
