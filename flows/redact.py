"""Redact flow: pending record versions through the redactor, in chunks.

One Prefect task per chunk (hundreds of records), never one per record. Each chunk claims its
versions, redacts them and stores the results and the decisions' new states (redacted, or
withheld with the reason) in one transaction: on PostgreSQL the claim locks the decisions'
rows (``FOR UPDATE … SKIP LOCKED``), so parallel chunks and concurrent flow runs never take the
same record; an interrupted chunk rolls back and its records stay pending for the next run.

Parallelism is the task runner's (setting ``GONGKAI_TASK_RUNNER``): ``threads`` (default;
the redactor is pure Python, so threads overlap database waits but not redaction: the GIL),
``processes`` (Prefect's process pool) or ``dask`` (``prefect-dask``: a local cluster of
``GONGKAI_TASK_WORKERS`` worker processes, or the cluster at ``GONGKAI_DASK_ADDRESS``). On the
SQLite store a chunk holds the write lock while it redacts, so chunks run one at a time
whatever the runner: real multi-core redaction needs PostgreSQL.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import wait
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

import gongkai
from gongkai.flows import _common
from gongkai.flows.settings import FlowSettings, load_settings
from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import RecordError, parse_record
from gongkai.store import pending_versions, store_redaction

ENGINE_VERSION = f"gongkai {gongkai.__version__}"

_redactor: Redactor | None = None
_redactor_lock = threading.Lock()


def get_redactor() -> Redactor:
    """The process's redactor, built on first use (about a second) and then shared."""
    global _redactor
    with _redactor_lock:
        if _redactor is None:
            _redactor = Redactor()
        return _redactor


@dataclass
class RedactSummary:
    chunks: int = 0
    redacted: int = 0
    withheld: int = 0

    def add(self, other: RedactSummary) -> None:
        self.chunks += other.chunks
        self.redacted += other.redacted
        self.withheld += other.withheld

    @property
    def records(self) -> int:
        return self.redacted + self.withheld

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


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


@task(
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=[1, 5, 15],
    retry_condition_fn=_common.retry_on_transient_db_error,
)
def redact_chunk(chunk_size: int, actor: str) -> RedactSummary:
    """Claim up to ``chunk_size`` pending versions, redact them, store results and states."""
    redactor = get_redactor()
    done = RedactSummary(chunks=1)
    with _common.sessions().begin() as session:
        for version in pending_versions(session, chunk_size):
            result = redact_raw(redactor, version.raw)
            if not store_redaction(
                session, version.id, result, engine_version=ENGINE_VERSION, actor=actor
            ):
                continue
            if result["publishable"]:
                done.redacted += 1
            else:
                done.withheld += 1
    if not done.records:
        done.chunks = 0
    return done


@task(
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=[1, 5, 15],
    retry_condition_fn=_common.retry_on_transient_db_error,
)
def count_pending() -> int:
    with _common.sessions().begin() as session:
        return _common.count_pending_versions(session)


@flow(name="redact", task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count() or 2))
def redact_pending(chunk_size: int | None = None) -> RedactSummary:
    """Redact every pending version, one task per chunk of ``chunk_size`` records (default:
    ``GONGKAI_CHUNK_SIZE``), chunks in parallel on the flow's task runner."""
    size = chunk_size or load_settings().chunk_size
    actor = _common.run_actor("redact")
    logger = get_run_logger()
    total = RedactSummary()
    while pending := count_pending():
        futures = [redact_chunk.submit(size, actor) for _ in range(-(-pending // size))]
        wait(futures)  # let every chunk finish (or fail) before reporting a failure
        round_total = RedactSummary()
        for future in futures:
            round_total.add(future.result())
        total.add(round_total)
        logger.info("redacted %s of %s pending", round_total.records, pending)
        if not round_total.records:  # the rest is claimed by another run
            break
    logger.info("redact: %s", total)
    return total


def warm_up() -> None:
    """Process-pool initializer: build the redactor before the first chunk arrives."""
    get_redactor()


def make_task_runner(settings: FlowSettings | None = None) -> TaskRunner[Any]:
    """The redact flow's task runner as configured (``GONGKAI_TASK_RUNNER``)."""
    settings = settings or load_settings()
    workers = settings.task_workers
    if settings.task_runner == "processes":
        return ProcessPoolTaskRunner(max_workers=workers, initializer=warm_up)
    if settings.task_runner == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise RuntimeError(
                "GONGKAI_TASK_RUNNER=dask needs prefect-dask: pip install prefect-dask"
            ) from exc
        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    return ThreadPoolTaskRunner(max_workers=workers)


def configured_redact_flow(settings: FlowSettings | None = None) -> Any:
    """:func:`redact_pending` with the configured task runner."""
    return redact_pending.with_options(task_runner=make_task_runner(settings))
