"""What the report needs to know of each decision, read from the internal store in a few
queries: the current version's agency and decision date, the state, why it is withheld (from
the audit log), and what each channel did with it (the ``publications`` table).

Everything here is read-only; :mod:`gongkai.reports.figures` computes from these plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from gongkai.store.models import (
    AuditEntry,
    Decision,
    DecisionState,
    Publication,
    RecordVersion,
    RedactionRecord,
)

CHINA = ZoneInfo("Asia/Shanghai")

# The withholding reason of a decision withheld by the publish flow because every channel's
# rules exclude it (e.g. 治安 records sealed from 2026-01-01).
CHANNEL_RULE = "channel_rule"
OTHER = "other"

# Values per IN (...) list: far below SQLite's and PostgreSQL's limits on bound parameters.
_GROUP = 500


def china_date(moment: dt.datetime) -> dt.date:
    """The calendar date in China of a stored (UTC) moment."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(CHINA).date()


@dataclass(frozen=True)
class PublicationFacts:
    """One channel's record of one decision. Dates are China dates."""

    channel: str
    status: str
    published_on: dt.date  # first time on the channel
    withdrawn_on: dt.date | None
    expired_on: dt.date | None
    rule_id: str | None  # the channel rule of the last take-down, if a rule did it
    withdrawn_at: dt.datetime | None = None  # for ordering withdrawals within a day


@dataclass(frozen=True)
class DecisionFacts:
    source_id: str
    agency: str | None
    decision_date: dt.date | None
    state: str
    withhold_reason: str | None  # set when the state is ``withheld``
    withdrawal_status: str | None  # changed / revoked / confirmed_illegal / confirmed_void
    publications: tuple[PublicationFacts, ...] = ()

    def on(self, channel: str) -> PublicationFacts | None:
        for publication in self.publications:
            if publication.channel == channel:
                return publication
        return None


def withhold_reason_of(details: Any, fallback: str | None) -> str:
    """The reason a decision was withheld, from the details of the audit entry that moved it
    to ``withheld``: the redactor's first reason (``withhold_reason``), the channel rules of the
    publish flow (``channel_rules``), else the redaction's reason, else ``other``."""
    if isinstance(details, dict):
        if details.get("withhold_reason"):
            return str(details["withhold_reason"])
        if details.get("channel_rules"):
            return CHANNEL_RULE
    return fallback or OTHER


def load_facts(
    session: Session, *, decided_from: dt.date | None = None, decided_to: dt.date | None = None
) -> list[DecisionFacts]:
    """Facts of the decisions dated from ``decided_from`` to ``decided_to`` (inclusive; open
    ends when ``None``) and of every decision that was ever on a channel (whatever its date: a
    decision of an earlier year can be withdrawn or expire in the year reported)."""
    dated = []
    if decided_from is not None:
        dated.append(RecordVersion.decision_date >= decided_from)
    if decided_to is not None:
        dated.append(RecordVersion.decision_date <= decided_to)
    on_channel = Decision.id.in_(select(Publication.decision_id))
    statement = (
        select(
            Decision.id,
            Decision.source_id,
            Decision.state,
            Decision.withdrawal_status,
            RecordVersion.agency,
            RecordVersion.decision_date,
            RedactionRecord.withhold_reason,
        )
        .outerjoin(RecordVersion, RecordVersion.id == Decision.current_version_id)
        .outerjoin(RedactionRecord, RedactionRecord.record_version_id == RecordVersion.id)
        .order_by(Decision.id)
    )
    if dated:
        statement = statement.where(or_(and_(*dated), on_channel))
    rows = session.execute(statement).all()

    publications: dict[int, list[PublicationFacts]] = {}
    ids = [row.id for row in rows]
    for start in range(0, len(ids), _GROUP):
        for p in session.scalars(
            select(Publication)
            .where(Publication.decision_id.in_(ids[start : start + _GROUP]))
            .order_by(Publication.decision_id, Publication.channel)
        ):
            publications.setdefault(p.decision_id, []).append(
                PublicationFacts(
                    channel=p.channel,
                    status=p.status,
                    published_on=china_date(p.published_at),
                    withdrawn_on=china_date(p.withdrawn_at) if p.withdrawn_at else None,
                    expired_on=china_date(p.expired_at) if p.expired_at else None,
                    rule_id=p.rule_id,
                    withdrawn_at=p.withdrawn_at,
                )
            )

    withheld = [row.source_id for row in rows if row.state == DecisionState.WITHHELD.value]
    why = latest_withholding(session, withheld)
    return [
        DecisionFacts(
            source_id=row.source_id,
            agency=row.agency,
            decision_date=row.decision_date,
            state=row.state,
            withhold_reason=(
                withhold_reason_of(why.get(row.source_id), row.withhold_reason)
                if row.state == DecisionState.WITHHELD.value
                else None
            ),
            withdrawal_status=row.withdrawal_status,
            publications=tuple(publications.get(row.id, ())),
        )
        for row in rows
    ]


def latest_withholding(session: Session, source_ids: Sequence[str]) -> dict[str, Any]:
    """Per decision, the details of the last audit entry that moved it to ``withheld``."""
    found: dict[str, Any] = {}
    for start in range(0, len(source_ids), _GROUP):
        part = list(source_ids[start : start + _GROUP])
        for subject_id, details in session.execute(
            select(AuditEntry.subject_id, AuditEntry.details)
            .where(
                AuditEntry.subject_type == "decision",
                AuditEntry.action == "state_changed",
                AuditEntry.to_state == DecisionState.WITHHELD.value,
                AuditEntry.subject_id.in_(part),
            )
            .order_by(AuditEntry.id)
        ):
            found[subject_id] = details  # the last one wins
    return found


def agencies_of(facts: Iterable[DecisionFacts]) -> list[str]:
    return sorted({f.agency for f in facts if f.agency})


def known_agencies(session: Session) -> list[str]:
    """The agencies named by the decisions' current versions."""
    return list(
        session.scalars(
            select(RecordVersion.agency)
            .join(Decision, Decision.current_version_id == RecordVersion.id)
            .where(RecordVersion.agency.is_not(None))
            .distinct()
            .order_by(RecordVersion.agency)
        )
    )
