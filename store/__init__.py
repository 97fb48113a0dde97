"""Persistence layer for Gongkai: SQLAlchemy models, Alembic migrations and
small data functions (ingest, quarantine, redaction results, review state,
append-only audit log).

Imported as ``gongkai.store``. Data functions take a ``Session``; the caller
owns the transaction.
"""

from .audit import TRANSITIONS, InvalidTransition, audit, can_transition, set_state
from .batches import add_to_batch, create_review_batch, unbatched_decisions
from .db import (
    SchemaOutOfDate,
    current_revision,
    database_url,
    head_revision,
    make_engine,
    make_sessionmaker,
    require_current_schema,
    schema_is_current,
)
from .ingest import (
    CountsDoNotReconcile,
    IngestCounts,
    VersionOutcome,
    add_record_version,
    file_already_ingested,
    quarantine,
    record_ingested_file,
)
from .models import (
    WITHDRAWAL_STATUSES,
    AuditEntry,
    AuditLogIsAppendOnly,
    Base,
    BatchState,
    Decision,
    DecisionState,
    ExportFile,
    FileStatus,
    QuarantineEntry,
    RecordVersion,
    RedactionRecord,
    ReviewBatch,
)
from .redactions import pending_versions, store_redaction

__all__ = [
    "TRANSITIONS",
    "WITHDRAWAL_STATUSES",
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "Base",
    "BatchState",
    "CountsDoNotReconcile",
    "Decision",
    "DecisionState",
    "ExportFile",
    "FileStatus",
    "IngestCounts",
    "InvalidTransition",
    "QuarantineEntry",
    "RecordVersion",
    "RedactionRecord",
    "ReviewBatch",
    "SchemaOutOfDate",
    "VersionOutcome",
    "add_record_version",
    "add_to_batch",
    "audit",
    "can_transition",
    "create_review_batch",
    "current_revision",
    "database_url",
    "file_already_ingested",
    "head_revision",
    "make_engine",
    "make_sessionmaker",
    "pending_versions",
    "quarantine",
    "record_ingested_file",
    "require_current_schema",
    "schema_is_current",
    "set_state",
    "store_redaction",
    "unbatched_decisions",
]
