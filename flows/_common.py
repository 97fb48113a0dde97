"""What the flows share: one store engine per process and database, one redactor per
process, the retry condition for transient database errors, the actor and logger of a run,
and a few read-only queries the store does not offer (yet: they could move into
``gongkai.store``).

Nothing here imports Prefect at module level: the redact flow's worker processes import this
module (for :func:`redact_raws`) and need only the redactor.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, exists, func, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gongkai.redaction.record import RecordError, parse_record
from gongkai.store import (
    Decision,
    DecisionState,
    ExportFile,
    RecordVersion,
    RedactionRecord,
    database_url,
    make_engine,
    make_sessionmaker,
    require_current_schema,
)

if TYPE_CHECKING:
    from gongkai.redaction.engine import Redactor

_lock = threading.Lock()
_engines: dict[str, tuple[Engine, sessionmaker[Session], sessionmaker[Session]]] = {}


def _engine_and_sessions() -> tuple[Engine, sessionmaker[Session], sessionmaker[Session]]:
    url = database_url()
    key = url.render_as_string(hide_password=False)
    with _lock:
        found = _engines.get(key)
        if found is None:
            engine = make_engine(url)
            require_current_schema(engine)
            readers = sessions = make_sessionmaker(engine)
            if engine.dialect.name == "sqlite":
                # Plain BEGIN: in WAL mode a reader neither waits for the writer nor blocks it.
                readers = make_sessionmaker(make_engine(url, sqlite_immediate=False))
            found = _engines[key] = (engine, sessions, readers)
    return found


def sessions() -> sessionmaker[Session]:
    """Sessions on the configured store (``GONGKAI_DATABASE_URL`` or the SQLite file).

    One engine per database and process (threads share it; each Dask or pool worker process
    makes its own), checked once for an up-to-date schema.
    """
    return _engine_and_sessions()[1]


def read_sessions() -> sessionmaker[Session]:
    """Sessions for reading only (nothing claimed, nothing written): on SQLite their
    transactions do not take the write lock (``BEGIN`` instead of ``BEGIN IMMEDIATE``), so a
    read does not wait for a writer; elsewhere the same as :func:`sessions`."""
    return _engine_and_sessions()[2]


@contextmanager
def claim_file(path: Path, key: str) -> Iterator[bool]:
    """Claim an export file for this run while the block runs; ``False`` when another run
    (thread, process or machine) is ingesting it now.

    PostgreSQL: a session-level advisory lock named after the file, on a connection of its
    own (released if the process dies). SQLite (one machine): an exclusive ``flock`` on the
    file itself.
    """
    engine = _engine_and_sessions()[0]
    if engine.dialect.name == "postgresql":
        digest = hashlib.sha256(f"gongkai ingest {key}".encode()).digest()
        lock_id = int.from_bytes(digest[:8], "big", signed=True)
        with engine.connect() as connection:
            claimed = bool(
                connection.scalar(text("SELECT pg_try_advisory_lock(:id)"), {"id": lock_id})
            )
            connection.commit()
            try:
                yield claimed
            finally:
                if claimed:
                    connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": lock_id})
                    connection.commit()
        return
    with path.open("rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            claimed = False
        else:
            claimed = True
        try:
            yield claimed
        finally:
            if claimed:
                fcntl.flock(handle, fcntl.LOCK_UN)


def claims_rows() -> bool:
    """Whether the store claims rows (``FOR UPDATE … SKIP LOCKED``, PostgreSQL): a claim
    keeps a transaction open. SQLite has one writer at a time instead, so work between a read
    and a write runs outside any transaction there."""
    return _engine_and_sessions()[0].dialect.name == "postgresql"


def dispose_engines() -> None:
    """Close every cached engine (tests; long-lived processes switching databases)."""
    with _lock:
        for engine, _, readers in _engines.values():
            engine.dispose()
            bind = readers.kw.get("bind")
            if bind is not None and bind is not engine:
                bind.dispose()
        _engines.clear()


# --- the redactor ------------------------------------------------------------------------------

_redactor: Redactor | None = None
_redactor_lock = threading.Lock()
redactor_builds = 0  # how often this process built its redactor (once; tests and benchmarks)


def redactor() -> Redactor:
    """The process's redactor, built on first use (about a second) and then shared."""
    global _redactor, redactor_builds
    with _redactor_lock:
        if _redactor is None:
            from gongkai.redaction.engine import Redactor  # presidio: a second or two

            _redactor = Redactor()
            redactor_builds += 1
        return _redactor


def redact_raw(redactor: Redactor, raw: str) -> dict[str, Any]:
    """The redaction result (``RedactionResult.to_dict()``) for one stored export line.

    A line that today's validation rejects (it passed when it was ingested) is withheld
    with reason ``invalid_record`` instead of stopping the pipeline.
    """
    try:
        record = parse_record(json.loads(raw))
    except (RecordError, ValueError) as exc:
        detail = f"record no longer valid: {exc}"
        return {
            "publishable": False,
            "withhold_reason": "invalid_record",
            "withhold_reasons": ["invalid_record"],
            "withhold_details": [{"reason": "invalid_record", "detail": detail}],
            "redacted_text": "",
            "spans": [],
            "doubts": [],
        }
    return redactor.redact(record).to_dict()


def redact_raws(raws: list[str]) -> list[dict[str, Any]]:
    """Redact stored export lines with this process's redactor: the work one redaction
    worker process does for a chunk (no database, no Prefect)."""
    engine = redactor()
    return [redact_raw(engine, raw) for raw in raws]


def warm_up() -> tuple[int, int]:
    """Worker-process initializer: build the redactor before the first chunk arrives.
    Returns this process's id and how often it built a redactor (1)."""
    redactor()
    return os.getpid(), redactor_builds


def is_transient_db_error(exc: BaseException) -> bool:
    """Errors a retry can cure: locks and deadlocks (``OperationalError``: SQLite busy,
    PostgreSQL deadlock or serialization failure) and lost connections."""
    if isinstance(exc, OperationalError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def retry_on_transient_db_error(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect ``retry_condition_fn``: retry only what :func:`is_transient_db_error` allows."""
    try:
        state.result()
    except Exception as exc:
        return is_transient_db_error(exc)
    return False


def run_actor(flow_name: str) -> str:
    """The audit actor of the current flow run: ``flow:<name>/<flow run id>``."""
    from prefect.runtime import flow_run

    run_id = flow_run.id
    return f"flow:{flow_name}/{run_id or 'local'}"


def run_logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The Prefect run logger inside a run; a plain logger when a task's function is called
    directly (``task.fn(...)``)."""
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("gongkai.flows")


# --- read-only queries ------------------------------------------------------------------------


def export_file(session: Session, path: str) -> ExportFile | None:
    return session.scalars(select(ExportFile).where(ExportFile.path == path)).one_or_none()


@dataclass(frozen=True)
class VersionOrigin:
    file_path: str
    line_no: int
    version: int


def version_origin(session: Session, source_id: str, content_hash: str) -> VersionOrigin | None:
    """Where the stored version with this content came from (file, line) and its number."""
    row = session.execute(
        select(RecordVersion.file_path, RecordVersion.line_no, RecordVersion.version).where(
            RecordVersion.source_id == source_id, RecordVersion.content_hash == content_hash
        )
    ).one_or_none()
    return None if row is None else VersionOrigin(*row)


def count_pending_versions(session: Session) -> int:
    """How many versions :func:`gongkai.store.pending_versions` would hand out (same rule)."""
    return int(
        session.scalar(
            select(func.count(RecordVersion.id))
            .join(Decision, Decision.current_version_id == RecordVersion.id)
            .where(
                Decision.state == DecisionState.INGESTED.value,
                ~exists().where(RedactionRecord.record_version_id == RecordVersion.id),
            )
        )
        or 0
    )


def agencies_awaiting_batch(session: Session) -> list[str]:
    """Agencies with redacted decisions not yet in a review batch (the rule of
    :func:`gongkai.store.unbatched_decisions`)."""
    return list(
        session.scalars(
            select(RecordVersion.agency)
            .join(Decision, Decision.current_version_id == RecordVersion.id)
            .where(
                Decision.state == DecisionState.REDACTED.value,
                Decision.batch_id.is_(None),
                RecordVersion.agency.is_not(None),
            )
            .distinct()
            .order_by(RecordVersion.agency)
        )
    )
