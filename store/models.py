"""The internal store's tables, as SQLAlchemy 2.0 typed models.

Portable types only (strings, integers, booleans, dates, time-zone aware date-times, JSON), so the
same schema runs on SQLite (the embedded default) and PostgreSQL. Originals (raw export lines,
full texts) live here and never leave the internal store.

The Alembic migrations in ``migrations/versions`` create exactly this schema; a test compares them.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A time-zone aware date-time, stored in UTC, always read back aware.

    PostgreSQL keeps the zone (``timestamptz``); SQLite keeps a naive string, which is read back
    as UTC. Naive values are refused so no local time sneaks in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store time-zone aware date-times only")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


# Shared column types (style: one place for the common shapes).
intpk = Annotated[int, mapped_column(primary_key=True)]
created_ts = Annotated[dt.datetime, mapped_column(UTCDateTime(), default=utcnow)]
str_short = Annotated[str, mapped_column(String(32))]
str_id = Annotated[str, mapped_column(String(128))]
str_name = Annotated[str, mapped_column(String(255))]
str_path = Annotated[str, mapped_column(String(1024))]
hash_str = Annotated[str, mapped_column(String(64))]
json_value = Annotated[Any, mapped_column(JSON())]

# Constraint names are fixed so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DecisionState(enum.StrEnum):
    """Where a decision stands (issue 4): ingested → redacted or withheld → in review batch →
    approved/rejected → published → withdrawn/expired."""

    INGESTED = "ingested"
    REDACTED = "redacted"
    WITHHELD = "withheld"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class BatchState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class BatchOutcome(enum.StrEnum):
    """What the approver decided for a closed batch."""

    APPROVED = "approved"
    REJECTED = "rejected"


class Role(enum.StrEnum):
    """Staff roles of the review app. Reviewers read and correct; approvers also decide
    batches and withheld decisions; admins manage accounts and read the audit log."""

    REVIEWER = "reviewer"
    APPROVER = "approver"
    ADMIN = "admin"


class AnnotationAction(enum.StrEnum):
    REDACT = "redact"  # replace this stretch
    KEEP = "keep"  # leave this stretch readable (a false positive unmarked)


class AnnotationOrigin(enum.StrEnum):
    MACHINE = "machine"
    HUMAN = "human"


class CorrectionAction(enum.StrEnum):
    MARK = "mark"  # a missed span: redact every identical occurrence
    UNMARK = "unmark"  # a false positive: keep every identical occurrence
    UNDO = "undo"  # take back an earlier correction


class FileStatus(enum.StrEnum):
    INGESTING = "ingesting"  # started; a crashed run leaves this, and a re-run redoes the file
    DONE = "done"


# Export statuses that mean an already published decision must be withdrawn (行政处罚法 art. 48).
WITHDRAWAL_STATUSES = frozenset({"changed", "revoked", "confirmed_illegal", "confirmed_void"})


def _in_list(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class ExportFile(Base):
    """One export file seen in the drop folder, and what its ingest counted."""

    __tablename__ = "export_files"

    id: Mapped[intpk]
    path: Mapped[str_path] = mapped_column(unique=True)
    size: Mapped[int] = mapped_column(BigInteger())
    sha256: Mapped[hash_str]
    status: Mapped[str_short] = mapped_column(default=FileStatus.INGESTING)
    # After a complete ingest: lines_read = lines_new + lines_unchanged + lines_superseding
    # + lines_quarantined (blank lines are not counted).
    lines_read: Mapped[int] = mapped_column(default=0)
    lines_new: Mapped[int] = mapped_column(default=0)
    lines_unchanged: Mapped[int] = mapped_column(default=0)
    lines_superseding: Mapped[int] = mapped_column(default=0)
    lines_quarantined: Mapped[int] = mapped_column(default=0)
    ingested_at: Mapped[created_ts]

    __table_args__ = (CheckConstraint(_in_list("status", FileStatus), name="status"),)

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("export_file", self.path)


class RecordVersion(Base):
    """One version of an export record, raw JSON text included. A version is never changed
    except to be superseded by a later one (``is_current`` false, ``superseded_by_id`` set)."""

    __tablename__ = "record_versions"

    id: Mapped[intpk]
    source_id: Mapped[str_id]
    version: Mapped[int]
    content_hash: Mapped[hash_str]
    file_path: Mapped[str_path]
    line_no: Mapped[int]
    raw: Mapped[str] = mapped_column(Text())
    decision_date: Mapped[dt.date | None] = mapped_column(Date())
    agency: Mapped[str_name | None]
    status: Mapped[str_short]
    is_current: Mapped[bool] = mapped_column(default=True)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("record_versions.id"))
    created_at: Mapped[created_ts]

    __table_args__ = (
        # Also the index for lookups by source_id.
        UniqueConstraint("source_id", "content_hash"),
        UniqueConstraint("source_id", "version"),
        # At most one current version per decision: a database rule, not a convention.
        Index(
            "uq_record_versions_current",
            "source_id",
            unique=True,
            sqlite_where=text("is_current"),
            postgresql_where=text("is_current"),
        ),
    )

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("record_version", str(self.id))


class QuarantineEntry(Base):
    """An export line that could not be taken in, with the reason (file, line, field)."""

    __tablename__ = "quarantine"

    id: Mapped[intpk]
    file_path: Mapped[str_path]
    line_no: Mapped[int]
    raw: Mapped[str] = mapped_column(Text())
    reason: Mapped[str] = mapped_column(Text())
    field: Mapped[str_name | None]
    created_at: Mapped[created_ts]

    __table_args__ = (UniqueConstraint("file_path", "line_no"),)

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("quarantine", f"{self.file_path}:{self.line_no}")


class RedactionRecord(Base):
    """The redactor's result for one record version (at most one per version)."""

    __tablename__ = "redactions"

    id: Mapped[intpk]
    record_version_id: Mapped[int] = mapped_column(ForeignKey("record_versions.id"), unique=True)
    publishable: Mapped[bool]
    withhold_reason: Mapped[str_short | None]
    withhold_details: Mapped[json_value]
    redacted_text: Mapped[str] = mapped_column(Text())
    spans: Mapped[json_value]
    doubts: Mapped[json_value]
    engine_version: Mapped[str_short]
    created_at: Mapped[created_ts]


class ReviewBatch(Base):
    """A group of redacted decisions of one agency, reviewed together by legal staff."""

    __tablename__ = "review_batches"

    id: Mapped[intpk]
    agency: Mapped[str_name] = mapped_column(index=True)
    created_at: Mapped[created_ts]
    due_date: Mapped[dt.date | None] = mapped_column(Date())
    state: Mapped[str_short] = mapped_column(default=BatchState.OPEN)
    # Four-eyes: who last changed anything in the batch may not approve it.
    last_edited_by: Mapped[str_name | None]
    last_edited_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str_short | None]
    decided_by: Mapped[str_name | None]
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    outcome_reason: Mapped[str | None] = mapped_column(Text())

    # ``outcome`` is one of BatchOutcome; checked by the store's functions, not by a CHECK
    # constraint, because adding one to an existing SQLite table means rebuilding it.
    __table_args__ = (CheckConstraint(_in_list("state", BatchState), name="state"),)

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("review_batch", str(self.id))


class Decision(Base):
    """A penalty decision as the pipeline tracks it, across all its record versions."""

    __tablename__ = "decisions"

    id: Mapped[intpk]
    source_id: Mapped[str_id] = mapped_column(unique=True)
    current_version_id: Mapped[int | None] = mapped_column(ForeignKey("record_versions.id"))
    state: Mapped[str_short] = mapped_column(default=DecisionState.INGESTED, index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("review_batches.id"), index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date())
    # Set when a version's status calls for withdrawal (changed, revoked, confirmed_*).
    withdrawal_status: Mapped[str_short | None]
    withdrawal_recorded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[created_ts]
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Optimistic locking: an ORM update of a row changed meanwhile by someone else raises
    # StaleDataError instead of silently overwriting it (e.g. two reviewers at once).
    row_version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (CheckConstraint(_in_list("state", DecisionState), name="state"),)
    __mapper_args__ = {"version_id_col": row_version}

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("decision", self.source_id)


class AuditEntry(Base):
    """Append-only log of every state change: who (a user or a flow run), when, what, why.

    Never updated nor deleted: the ORM refuses it (listeners below) and database triggers
    created by the migrations refuse it too.
    """

    __tablename__ = "audit_log"

    id: Mapped[intpk]
    at: Mapped[created_ts]
    actor: Mapped[str_name]
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str_short]
    subject_id: Mapped[str_path]
    from_state: Mapped[str_short | None]
    to_state: Mapped[str_short | None]
    reason: Mapped[str | None] = mapped_column(Text())
    details: Mapped[json_value | None]

    __table_args__ = (Index(None, "subject_type", "subject_id"),)


class User(Base):
    """A member of the legal staff who may sign in to the review app."""

    __tablename__ = "users"

    id: Mapped[intpk]
    username: Mapped[str_id] = mapped_column(unique=True)
    display_name: Mapped[str_name]
    password_hash: Mapped[str_name]
    role: Mapped[str_short]
    active: Mapped[bool] = mapped_column(Boolean(), default=True)
    created_at: Mapped[created_ts]

    __table_args__ = (CheckConstraint(_in_list("role", Role), name="role"),)

    @property
    def actor(self) -> str:
        return f"user:{self.username}"

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("user", self.username)


class UserSession(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is stored, so a
    copy of the database does not let anyone sign in."""

    __tablename__ = "user_sessions"

    id: Mapped[intpk]
    token_hash: Mapped[hash_str] = mapped_column(unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[hash_str]
    created_at: Mapped[created_ts]
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Correction(Base):
    """A reviewer's change to a decision's redaction: mark a missed value, unmark a false
    positive, or undo an earlier correction. Append-only; the value is an original and stays
    in the internal store."""

    __tablename__ = "corrections"

    id: Mapped[intpk]
    record_version_id: Mapped[int] = mapped_column(ForeignKey("record_versions.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("review_batches.id"))
    actor: Mapped[str_name]
    action: Mapped[str_short]
    entity_type: Mapped[str_short | None]
    value: Mapped[str | None] = mapped_column(Text())
    scope: Mapped[str_short] = mapped_column(default="decision")
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"))
    reason: Mapped[str | None] = mapped_column(Text())
    created_at: Mapped[created_ts]

    __table_args__ = (
        CheckConstraint(_in_list("action", CorrectionAction), name="action"),
        CheckConstraint("scope IN ('decision', 'batch')", name="scope"),
    )

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("correction", str(self.id))


class Annotation(Base):
    """One stretch of an original text to redact or to keep, from the machine (a redaction
    run) or from a human (a correction). Append-only: the published text is always rendered
    from the original plus the annotations in force, never edited by hand."""

    __tablename__ = "annotations"

    id: Mapped[intpk]
    record_version_id: Mapped[int] = mapped_column(ForeignKey("record_versions.id"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    entity_type: Mapped[str_short]
    action: Mapped[str_short]
    origin: Mapped[str_short]
    source: Mapped[str_name]  # the recognizer, or the user
    explanation: Mapped[str] = mapped_column(Text(), default="")
    score: Mapped[float] = mapped_column(Float(), default=1.0)
    redaction_id: Mapped[int | None] = mapped_column(ForeignKey("redactions.id"))
    correction_id: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"))
    created_at: Mapped[created_ts]

    __table_args__ = (
        CheckConstraint(_in_list("action", AnnotationAction), name="action"),
        CheckConstraint(_in_list("origin", AnnotationOrigin), name="origin"),
        CheckConstraint('"end" > start', name="span"),
    )


class DoubtResolution(Base):
    """A reviewer has read the passage the redactor doubted and says what they did."""

    __tablename__ = "doubt_resolutions"

    id: Mapped[intpk]
    redaction_id: Mapped[int] = mapped_column(ForeignKey("redactions.id"))
    doubt_index: Mapped[int]
    actor: Mapped[str_name]
    note: Mapped[str] = mapped_column(Text())
    created_at: Mapped[created_ts]

    __table_args__ = (UniqueConstraint("redaction_id", "doubt_index"),)


# --- publication (issue 6) -------------------------------------------------------------------

# The publication channels; each has its own store (``gongkai.publication``).
CHANNEL_NAMES = ("pilot", "public")


class ChannelStatus(enum.StrEnum):
    """Where a decision stands on one channel (as the channel store says, once written)."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"  # by a withdrawal (status changed/revoked…) or a channel rule
    EXPIRED = "expired"  # publicity period over
    HIDDEN = "hidden"  # a reader reported leaked data: off until re-reviewed


class ReportKind(enum.StrEnum):
    LEAK = "leak"
    ERROR = "error"


def _in_names(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Publication(Base):
    """What one channel holds of one decision: the content written (hash and the channel's
    revision), when, and whether it was taken down since (withdrawn, expired, hidden) and why.
    One row per (decision, channel): recording the same write twice changes nothing."""

    __tablename__ = "publications"

    id: Mapped[intpk]
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))
    channel: Mapped[str_short]
    public_id: Mapped[str] = mapped_column(String(32), index=True)
    content_hash: Mapped[hash_str]
    revision: Mapped[int]
    status: Mapped[str_short] = mapped_column(default=ChannelStatus.PUBLISHED, index=True)
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())  # first time on the channel
    content_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())  # this content written
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    expired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text())  # the notice of the last take-down
    rule_id: Mapped[str | None] = mapped_column(String(64))  # the channel rule that withdrew it

    __table_args__ = (
        UniqueConstraint("decision_id", "channel"),
        CheckConstraint(_in_names("channel", CHANNEL_NAMES), name="channel"),
        CheckConstraint(_in_list("status", ChannelStatus), name="status"),
    )


class ChannelOpening(Base):
    """A channel opened for an agency from a date on (``gongkai channel open``, or the
    publication settings); the publish flow copies the agency's decisions there from then on."""

    __tablename__ = "channel_openings"

    id: Mapped[intpk]
    channel: Mapped[str_short]
    agency: Mapped[str_name]
    opens_on: Mapped[dt.date] = mapped_column(Date())
    opened_by: Mapped[str_name]
    source: Mapped[str_short]  # command | settings
    created_at: Mapped[created_ts]

    __table_args__ = (
        UniqueConstraint("channel", "agency"),
        CheckConstraint(_in_names("channel", CHANNEL_NAMES), name="channel"),
        CheckConstraint("source IN ('command', 'settings')", name="source"),
    )

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("channel_opening", f"{self.channel}:{self.agency}")


class ProblemReportRecord(Base):
    """A reader's problem report (纠错), copied from a channel store for the review queue."""

    __tablename__ = "problem_reports"

    id: Mapped[intpk]
    channel: Mapped[str_short]
    channel_report_id: Mapped[int]  # the report's id in the channel store
    public_id: Mapped[str] = mapped_column(String(32))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), index=True)
    kind: Mapped[str_short]
    message: Mapped[str] = mapped_column(Text())
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    collected_at: Mapped[created_ts]
    handled_by: Mapped[str_name | None]
    handled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    handling_note: Mapped[str | None] = mapped_column(Text())

    __table_args__ = (
        UniqueConstraint("channel", "channel_report_id"),
        CheckConstraint(_in_names("channel", CHANNEL_NAMES), name="channel"),
        CheckConstraint(_in_list("kind", ReportKind), name="kind"),
    )

    @property
    def audit_subject(self) -> tuple[str, str]:
        return ("problem_report", f"{self.channel}:{self.channel_report_id}")


class AuditLogIsAppendOnly(RuntimeError):
    """Raised on any attempt to change or delete an entry of an append-only table (the audit
    log, annotations, corrections)."""


APPEND_ONLY_TABLES = ("audit_log", "annotations", "corrections")


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
@event.listens_for(Annotation, "before_update")
@event.listens_for(Annotation, "before_delete")
@event.listens_for(Correction, "before_update")
@event.listens_for(Correction, "before_delete")
def _refuse_change(mapper: Any, connection: Any, target: Base) -> None:
    raise AuditLogIsAppendOnly(
        f"{type(target).__tablename__} entry {getattr(target, 'id', '?')} "
        "may not be changed or deleted"
    )
