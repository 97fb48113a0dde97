"""Writing to a channel store (the publish, withdraw and expire flows). Every change also goes
to the change feed. Functions take a session; the caller owns the transaction, so a crash
leaves the store as it was before the call."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import index
from .models import ChangeEntry, ChangeKind, PublishedDecision, PublishedStatus


def public_id_for(source_id: str) -> str:
    """The decision's id on every channel: stable, and not the case system's key."""
    return hashlib.sha256(f"gongkai-public:{source_id}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class PublicDecision:
    """What a channel may hold of one decision: redacted text and public metadata only."""

    source_id: str
    decision_no: str
    agency: str
    decision_date: dt.date
    violation_type: str
    legal_basis: str
    law: str
    penalty_types: tuple[str, ...]
    fine_amount_fen: int
    redacted_text: str
    expires_on: dt.date | None = None

    @property
    def public_id(self) -> str:
        return public_id_for(self.source_id)

    def content_hash(self) -> str:
        data = asdict(self)
        data["decision_date"] = self.decision_date.isoformat()
        data["expires_on"] = self.expires_on.isoformat() if self.expires_on else None
        data["penalty_types"] = list(self.penalty_types)
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()


def _row(session: Session, source_id: str) -> PublishedDecision | None:
    return session.scalar(
        select(PublishedDecision).where(PublishedDecision.source_id == source_id).with_for_update()
    )


def current(session: Session, source_id: str) -> PublishedDecision | None:
    """The channel's row for a decision (any status), read without locking."""
    return session.scalar(select(PublishedDecision).where(PublishedDecision.source_id == source_id))


def _change(
    session: Session,
    row: PublishedDecision,
    kind: ChangeKind,
    now: dt.datetime,
    reason: str | None = None,
) -> None:
    session.add(
        ChangeEntry(
            public_id=row.public_id, kind=kind.value, at=now, revision=row.revision, reason=reason
        )
    )


def publish(session: Session, item: PublicDecision, *, now: dt.datetime) -> str:
    """Put ``item`` on the channel. Returns ``published`` (new, or back after a withdrawal or
    hiding), ``corrected`` (new content for a published decision) or ``unchanged`` (the same
    content again: publishing twice is a no-op). The change feed says ``corrected`` whenever
    the content is new, ``restored`` when a hidden decision comes back as it was."""
    digest = item.content_hash()
    row = _row(session, item.source_id)
    fields = {
        "decision_no": item.decision_no,
        "agency": item.agency,
        "decision_date": item.decision_date,
        "violation_type": item.violation_type,
        "legal_basis": item.legal_basis,
        "law": item.law,
        "penalty_types": list(item.penalty_types),
        "fine_amount_fen": item.fine_amount_fen,
        "redacted_text": item.redacted_text,
        "expires_on": item.expires_on,
        "content_hash": digest,
    }
    if row is None:
        row = PublishedDecision(
            public_id=item.public_id,
            source_id=item.source_id,
            revision=1,
            status=PublishedStatus.PUBLISHED.value,
            first_published_at=now,
            updated_at=now,
            **fields,
        )
        session.add(row)
        session.flush()
        index.add(session, row)
        _change(session, row, ChangeKind.PUBLISHED, now)
        return "published"
    was_live = row.status == PublishedStatus.PUBLISHED.value
    content_changed = row.content_hash != digest
    if was_live and not content_changed:
        return "unchanged"
    if was_live:
        index.remove(session, row)
    for key, value in fields.items():
        setattr(row, key, value)
    row.revision += 1
    row.updated_at = now
    outcome = "corrected" if was_live else "published"
    if not was_live:
        row.status = PublishedStatus.PUBLISHED.value
        row.notice = None
        row.status_changed_at = now
    session.flush()
    index.add(session, row)
    # back with new content (hidden, then corrected): a reuser must re-read the text
    _change(session, row, ChangeKind.CORRECTED if content_changed else ChangeKind.RESTORED, now)
    return outcome


def _take_down(
    session: Session,
    row: PublishedDecision,
    status: PublishedStatus,
    kind: ChangeKind,
    *,
    now: dt.datetime,
    notice: str | None,
) -> bool:
    if row.status == status.value:
        return False
    if row.status == PublishedStatus.PUBLISHED.value:
        index.remove(session, row)
    row.status = status.value
    row.status_changed_at = now
    row.updated_at = now
    if notice is not None:
        row.notice = notice
    if status is not PublishedStatus.HIDDEN:
        # The notice stands in the decision's place; the redacted text goes.
        row.redacted_text = ""
    session.flush()
    _change(session, row, kind, now, notice)
    return True


def withdraw(session: Session, source_id: str, *, notice: str, now: dt.datetime) -> bool:
    """Withdraw a decision; ``notice`` (the reason, with its legal basis) stays in its place.
    Returns ``False`` when it is not on the channel or already withdrawn."""
    row = _row(session, source_id)
    if row is None:
        return False
    return _take_down(
        session, row, PublishedStatus.WITHDRAWN, ChangeKind.WITHDRAWN, now=now, notice=notice
    )


def expire(session: Session, source_id: str, *, now: dt.datetime, notice: str) -> bool:
    row = _row(session, source_id)
    if row is None or row.status != PublishedStatus.PUBLISHED.value:
        return False
    return _take_down(
        session, row, PublishedStatus.EXPIRED, ChangeKind.EXPIRED, now=now, notice=notice
    )


def hide(session: Session, public_id: str, *, now: dt.datetime, reason: str) -> bool:
    """Take a published decision off the channel at once (a reader reported leaked data); it
    stays hidden until legal staff re-review it and publish it again."""
    row = session.scalar(
        select(PublishedDecision).where(PublishedDecision.public_id == public_id).with_for_update()
    )
    if row is None or row.status != PublishedStatus.PUBLISHED.value:
        return False
    return _take_down(
        session, row, PublishedStatus.HIDDEN, ChangeKind.HIDDEN, now=now, notice=reason
    )


def restore(session: Session, source_id: str, *, now: dt.datetime) -> bool:
    """Put a hidden decision back as it was (re-review found nothing to change)."""
    row = _row(session, source_id)
    if row is None or row.status != PublishedStatus.HIDDEN.value:
        return False
    row.status = PublishedStatus.PUBLISHED.value
    row.notice = None
    row.status_changed_at = now
    row.updated_at = now
    session.flush()
    index.add(session, row)
    _change(session, row, ChangeKind.RESTORED, now)
    return True
