"""A channel store's tables. Public data only: redacted text and the decision's public
metadata, the change feed, and readers' problem reports."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Index, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

intpk = Annotated[int, mapped_column(primary_key=True)]
utc_ts = Annotated[dt.datetime, mapped_column(DateTime(timezone=True))]
str_short = Annotated[str, mapped_column(String(32))]
str_name = Annotated[str, mapped_column(String(255))]


class ChannelBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PublishedStatus(enum.StrEnum):
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"  # a notice stands in its place (410 Gone)
    EXPIRED = "expired"  # the publicity period is over (410 Gone)
    HIDDEN = "hidden"  # a reader reported leaked data: off the channel until re-reviewed


class ChangeKind(enum.StrEnum):
    PUBLISHED = "published"
    CORRECTED = "corrected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    HIDDEN = "hidden"
    RESTORED = "restored"


def _in(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class PublishedDecision(ChannelBase):
    """One decision on the channel. ``public_id`` is the decision's id in URLs (not the case
    system's key)."""

    __tablename__ = "published_decisions"

    id: Mapped[intpk]
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    source_id: Mapped[str] = mapped_column(String(128), unique=True)
    decision_no: Mapped[str_name]
    agency: Mapped[str_name]
    decision_date: Mapped[dt.date] = mapped_column(Date(), index=True)
    violation_type: Mapped[str_name]
    legal_basis: Mapped[str] = mapped_column(Text())
    law: Mapped[str_name]  # the law's short name, e.g. 治安管理处罚法
    penalty_types: Mapped[Any] = mapped_column(JSON())
    fine_amount_fen: Mapped[int]  # money as integer fen: no floating point
    redacted_text: Mapped[str] = mapped_column(Text())
    content_hash: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(default=1)  # +1 on each corrected republication
    status: Mapped[str_short] = mapped_column(default=PublishedStatus.PUBLISHED, index=True)
    first_published_at: Mapped[utc_ts]
    updated_at: Mapped[utc_ts]
    expires_on: Mapped[dt.date | None] = mapped_column(Date())
    notice: Mapped[str | None] = mapped_column(Text())  # why it was withdrawn, for readers
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    # The search index is not mapped: SQLite keeps it in the FTS5 table ``published_fts``
    # (plus an index on (id, fine_amount_fen)), PostgreSQL in the generated column
    # ``search_bigrams`` and two GIN indexes (see ``index.py``; migration 0002).

    __table_args__ = (
        CheckConstraint(_in("status", PublishedStatus), name="status"),
        # Keyset pagination within the published rows: (date, id) and (fine, date, id).
        Index(None, "status", "decision_date", "id", "fine_amount_fen"),
        Index(None, "status", "fine_amount_fen", "decision_date", "id"),
        # Filters (PostgreSQL) and the filters' choices (both).
        Index(None, "status", "agency"),
        Index(None, "status", "violation_type"),
        Index(None, "status", "law"),
    )


class StatusCount(ChannelBase):
    """How many decisions stand in a status. Kept by database triggers (migration 0004) in the
    transaction of every insert, status change and delete: never written by the code."""

    __tablename__ = "status_counts"

    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    decisions: Mapped[int]


class ChangeEntry(ChannelBase):
    """The change feed (``/api/changes?since=…``): every publication, correction, withdrawal,
    expiry, hiding and restoring, in order. ``id`` is the cursor."""

    __tablename__ = "changes"

    id: Mapped[intpk]
    public_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str_short]
    at: Mapped[utc_ts]
    revision: Mapped[int]
    reason: Mapped[str | None] = mapped_column(Text())

    __table_args__ = (CheckConstraint(_in("kind", ChangeKind), name="kind"),)


class ProblemReport(ChannelBase):
    """A reader's report (纠错). Collected by the internal side into the review queue."""

    __tablename__ = "problem_reports"

    id: Mapped[intpk]
    public_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str_short]  # leak | error
    message: Mapped[str] = mapped_column(Text())
    created_at: Mapped[utc_ts]

    __table_args__ = (CheckConstraint("kind IN ('leak', 'error')", name="kind"),)
