"""What the review app's dashboard shows, read from the store at one moment (``now``):

- today's queue: open review batches (size, due date) and decisions per state;
- overdue decisions: not published N working days after their decision date, with how many
  working days past the deadline (``gongkai.store.overdue``);
- withdrawals due: decisions whose export status calls for withdrawal with a channel still
  showing them, and the time left of the three days (行政处罚法 art. 48 para. 2);
- leak-guard blocks: decisions withheld by the leak guard, and decisions the publish flow's
  leak guard sent back to review in the last 30 days;
- redaction corrections by entity type in the last 30 days (what the machine misses most);
- this year's report figures for the whole organ (:mod:`.figures`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gongkai import workdays
from gongkai.store.models import (
    AuditEntry,
    Correction,
    CorrectionAction,
    Decision,
    DecisionState,
    RecordVersion,
    RedactionRecord,
)
from gongkai.store.publication import overdue, withdrawals_due
from gongkai.store.review import review_queue

from .annual import annual_report
from .facts import china_date
from .figures import Report

WITHDRAWAL_DAYS = 3  # 行政处罚法 art. 48 para. 2
WINDOW = dt.timedelta(days=30)
# The publish flow's reason when its leak guard stops a decision (flows/publish.py).
LEAK_GUARD_PREFIX = "leak guard"


@dataclass(frozen=True)
class OpenBatch:
    id: int
    agency: str
    size: int
    flagged: int
    due_date: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class OverdueRow:
    source_id: str
    decision_id: int | None
    agency: str | None
    decision_date: dt.date
    due_date: dt.date
    working_days_late: int
    state: str
    batch_id: int | None
    decision_no: str | None = None  # filled in only by pages that show it (the overdue list)


@dataclass(frozen=True)
class WithdrawalRow:
    source_id: str
    decision_id: int
    agency: str | None
    status: str
    recorded_at: dt.datetime
    deadline: dt.datetime
    channels: tuple[str, ...]
    seconds_left: float

    @property
    def late(self) -> bool:
        return self.seconds_left < 0

    @property
    def days_left(self) -> int:
        """Whole days left (0 on the last day; negative once late)."""
        return int(self.seconds_left // 86400)

    @property
    def hours_left(self) -> int:
        """Hours left beyond the whole days."""
        return int((self.seconds_left % 86400) // 3600)


@dataclass(frozen=True)
class LeakBlock:
    source_id: str
    decision_id: int | None
    agency: str | None
    kind: str  # "withheld" (by the redactor's leak guard) or "returned" (by the publish flow)
    at: dt.datetime | None
    detail: str


@dataclass(frozen=True)
class CorrectionCount:
    entity_type: str
    marked: int  # missed by the machine, marked by a reviewer
    unmarked: int  # marked by the machine wrongly, kept by a reviewer

    @property
    def total(self) -> int:
        return self.marked + self.unmarked


@dataclass(frozen=True)
class Dashboard:
    now: dt.datetime
    today: dt.date  # in China
    deadline_days: int
    open_batches: list[OpenBatch]
    states: dict[str, int]
    overdue: list[OverdueRow]
    withdrawals: list[WithdrawalRow]
    leak_blocks: list[LeakBlock]
    corrections: list[CorrectionCount]
    corrections_since: dt.datetime
    report: Report
    provisional_years: list[int] = field(default_factory=list)

    @property
    def in_review(self) -> int:
        return self.states.get(DecisionState.IN_REVIEW.value, 0)


def _agencies(session: Session, source_ids: list[str]) -> dict[str, tuple[int, str | None]]:
    """source id → (decision id, agency of the current version)."""
    if not source_ids:
        return {}
    found: dict[str, tuple[int, str | None]] = {}
    for start in range(0, len(source_ids), 500):
        part = source_ids[start : start + 500]
        for source_id, decision_id, agency in session.execute(
            select(Decision.source_id, Decision.id, RecordVersion.agency)
            .outerjoin(RecordVersion, RecordVersion.id == Decision.current_version_id)
            .where(Decision.source_id.in_(part))
        ):
            found[source_id] = (decision_id, agency)
    return found


def open_batches(session: Session, today: dt.date) -> list[OpenBatch]:
    return [
        OpenBatch(row.batch.id, row.batch.agency, row.size, row.flagged, row.batch.due_date,
                  row.overdue)
        for row in review_queue(session, today=today)
    ]  # fmt: skip


def state_counts(session: Session) -> dict[str, int]:
    counts = dict(
        session.execute(select(Decision.state, func.count()).group_by(Decision.state)).all()
    )
    return {s.value: int(counts.get(s.value, 0)) for s in DecisionState}


def overdue_rows(session: Session, today: dt.date, deadline_days: int) -> list[OverdueRow]:
    rows = overdue(
        session,
        today=today,
        working_days=deadline_days,
        add_working_days=workdays.add_working_days,
    )
    ids = _agencies(session, [r.source_id for r in rows])
    return [
        OverdueRow(
            source_id=r.source_id,
            decision_id=ids.get(r.source_id, (None, None))[0],
            agency=r.agency,
            decision_date=r.decision_date,
            due_date=r.due_date,
            working_days_late=workdays.working_days_between(r.due_date, today),
            state=r.state,
            batch_id=r.batch_id,
        )
        for r in rows
    ]


def withdrawal_rows(session: Session, now: dt.datetime) -> list[WithdrawalRow]:
    due = withdrawals_due(session)
    ids = _agencies(session, [d.source_id for d in due])
    rows = []
    for item in due:
        deadline = item.recorded_at + dt.timedelta(days=WITHDRAWAL_DAYS)
        rows.append(
            WithdrawalRow(
                source_id=item.source_id,
                decision_id=item.decision_id,
                agency=ids.get(item.source_id, (None, None))[1],
                status=item.status,
                recorded_at=item.recorded_at,
                deadline=deadline,
                channels=item.channels,
                seconds_left=(deadline - now).total_seconds(),
            )
        )
    rows.sort(key=lambda r: (r.deadline, r.source_id))
    return rows


def _is_leak_guard(redaction: RedactionRecord) -> str | None:
    """The leak guard's detail when it withheld this redaction."""
    for item in redaction.withhold_details or []:
        if isinstance(item, dict) and item.get("reason") == "leak_guard":
            return str(item.get("detail") or "")
    if redaction.withhold_reason == "leak_guard":
        return ""
    return None


def leak_blocks(session: Session, now: dt.datetime) -> list[LeakBlock]:
    blocks: list[LeakBlock] = []
    for decision, version, redaction in session.execute(
        select(Decision, RecordVersion, RedactionRecord)
        .join(RecordVersion, RecordVersion.id == Decision.current_version_id)
        .join(RedactionRecord, RedactionRecord.record_version_id == RecordVersion.id)
        .where(Decision.state == DecisionState.WITHHELD.value)
        .order_by(RedactionRecord.created_at.desc(), Decision.id)
    ):
        detail = _is_leak_guard(redaction)
        if detail is not None:
            blocks.append(
                LeakBlock(
                    decision.source_id,
                    decision.id,
                    version.agency,
                    "withheld",
                    redaction.created_at,
                    detail,
                )
            )
    returned = session.execute(
        select(AuditEntry.subject_id, AuditEntry.at, AuditEntry.reason)
        .where(
            AuditEntry.subject_type == "decision",
            AuditEntry.action == "returned_to_review",
            AuditEntry.reason.like(f"{LEAK_GUARD_PREFIX}%"),
            AuditEntry.at >= now - WINDOW,
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    ).all()
    ids = _agencies(session, [r.subject_id for r in returned])
    for source_id, at, reason in returned:
        decision_id, agency = ids.get(source_id, (None, None))
        blocks.append(LeakBlock(source_id, decision_id, agency, "returned", at, reason or ""))
    return blocks


def correction_counts(session: Session, since: dt.datetime) -> list[CorrectionCount]:
    """Reviewers' marks and unmarks since ``since`` by entity type, most first; corrections
    undone later are left out."""
    undone = select(Correction.undoes_id).where(Correction.undoes_id.is_not(None))
    rows = session.execute(
        select(Correction.entity_type, Correction.action, func.count())
        .where(
            Correction.created_at >= since,
            Correction.action.in_([CorrectionAction.MARK.value, CorrectionAction.UNMARK.value]),
            Correction.id.not_in(undone),
        )
        .group_by(Correction.entity_type, Correction.action)
    ).all()
    marked: Counter[str] = Counter()
    unmarked: Counter[str] = Counter()
    for entity_type, action, n in rows:
        key = entity_type or "UNKNOWN"
        (marked if action == CorrectionAction.MARK.value else unmarked)[key] += int(n)
    counts = [CorrectionCount(t, marked[t], unmarked[t]) for t in set(marked) | set(unmarked)]
    counts.sort(key=lambda c: (-c.total, -c.marked, c.entity_type))
    return counts


def dashboard(session: Session, *, now: dt.datetime, deadline_days: int) -> Dashboard:
    today = china_date(now)
    since = now - WINDOW
    overdue_list = overdue_rows(session, today, deadline_days)
    provisional = sorted(
        {y for r in overdue_list for y in workdays.provisional_years(r.decision_date, today)}
    )
    return Dashboard(
        now=now,
        today=today,
        deadline_days=deadline_days,
        open_batches=open_batches(session, today),
        states=state_counts(session),
        overdue=overdue_list,
        withdrawals=withdrawal_rows(session, now),
        leak_blocks=leak_blocks(session, now),
        corrections=correction_counts(session, since),
        corrections_since=since,
        report=annual_report(session, year=today.year, as_of=today, deadline_days=deadline_days),
        provisional_years=provisional,
    )
