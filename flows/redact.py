"""Redact flow: pending record versions through the redactor, in chunks.

One Prefect task per chunk (hundreds of records), never one per record. The flow first lists
the pending versions (a short read) and gives each chunk its own range of version ids, so the
chunks of one run never overlap. A chunk then reads its versions, redacts them and stores the
results and the decisions' new states (redacted, or withheld with the reason):

- PostgreSQL: in one transaction; the read claims the decisions' rows (``FOR UPDATE … SKIP
  LOCKED``), so concurrent flow runs never take the same record; an interrupted chunk rolls
  back and its records stay pending for the next run.
- SQLite (one writer at a time): a short read transaction, the redaction outside any
  transaction, a short write transaction for the results. Chunks redact in parallel; a result
  that a concurrent run stored first is ignored (``store_redactions``), never stored twice.

Parallelism is the task runner's (setting ``GONGKAI_TASK_RUNNER``): ``threads`` (default:
chunks on threads; the redactor is pure Python, so when there is enough work the redaction
itself goes to a pool of ``GONGKAI_TASK_WORKERS`` worker processes, each building its
redactor once), ``processes`` (Prefect's process pool: whole chunks in worker processes) or
``dask`` (``prefect-dask``: a local cluster of ``GONGKAI_TASK_WORKERS`` worker processes, or
the cluster at ``GONGKAI_DASK_ADDRESS``).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import wait
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

import gongkai
from gongkai.flows import _common
from gongkai.flows._common import redact_raw, warm_up
from gongkai.flows.settings import FlowSettings, load_settings
from gongkai.store.redactions import pending_raws, pending_version_ids, store_redactions

if TYPE_CHECKING:
    from gongkai.redaction.engine import Redactor

ENGINE_VERSION = f"gongkai {gongkai.__version__}"

# Fewer pending records than this are redacted on the task threads themselves: starting the
# worker processes (importing Presidio, building a redactor: 2-3 s each) would cost more.
POOL_MIN_RECORDS = 1000


def get_redactor() -> Redactor:
    """The process's redactor, built on first use (about a second) and then shared."""
    return _common.redactor()


@dataclass
class RedactSummary:
    """What a redact run did; the ``*_s`` figures are seconds summed over the chunks (reading
    the versions, redacting them, storing the results)."""

    chunks: int = 0
    redacted: int = 0
    withheld: int = 0
    read_s: float = 0.0
    redact_s: float = 0.0
    store_s: float = 0.0

    def add(self, other: RedactSummary) -> None:
        self.chunks += other.chunks
        self.redacted += other.redacted
        self.withheld += other.withheld
        self.read_s += other.read_s
        self.redact_s += other.redact_s
        self.store_s += other.store_s

    @property
    def records(self) -> int:
        return self.redacted + self.withheld

    def as_dict(self) -> dict[str, int]:
        return {"chunks": self.chunks, "redacted": self.redacted, "withheld": self.withheld}


# --- the redaction worker processes (task runner ``threads``) ---------------------------------

_pool_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_users = 0


@contextmanager
def redaction_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes that redact for the chunks running on this process's threads, each
    with its own redactor built once (at start). Shared by the flow runs of this process that
    overlap; shut down when the last one ends.

    Started with ``spawn`` (a fresh interpreter: forking a process that runs Prefect's threads
    is unsafe); the workers import only the redactor and ``gongkai.flows._common``."""
    global _pool, _pool_users
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=warm_up,
            )
            for _ in range(workers):  # start the workers now, while the flow plans
                _pool.submit(warm_up)
        _pool_users += 1
        pool = _pool
    try:
        yield pool
    finally:
        with _pool_lock:
            _pool_users -= 1
            last = _pool_users == 0
            if last:
                _pool = None
        if last:
            pool.shutdown(wait=True, cancel_futures=True)


def _redact_all(raws: list[str], use_pool: bool) -> list[dict[str, Any]]:
    pool = _pool if use_pool else None
    if pool is not None:
        return pool.submit(_common.redact_raws, raws).result()
    redactor = get_redactor()
    return [redact_raw(redactor, raw) for raw in raws]


# --- tasks and flow -----------------------------------------------------------------------------

DB_RETRIES = {
    "retries": 3,
    "retry_delay_seconds": [1, 5, 15],
    "retry_condition_fn": _common.retry_on_transient_db_error,
}


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def plan_chunks(chunk_size: int) -> list[tuple[int, int, int]]:
    """The pending versions (a short read, nothing claimed), as chunks ``(first id, last id,
    versions)`` of ``chunk_size`` pending versions each."""
    with _common.read_sessions().begin() as session:
        ids = pending_version_ids(session)
    chunks = []
    for start in range(0, len(ids), chunk_size):
        part = ids[start : start + chunk_size]
        chunks.append((part[0], part[-1], len(part)))
    return chunks


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def redact_chunk(first_id: int, last_id: int, actor: str, use_pool: bool = False) -> RedactSummary:
    """Redact the pending versions with ids ``first_id`` … ``last_id``; store results and
    states. ``use_pool``: redact in this process's worker processes (:func:`redaction_pool`)."""
    clock = time.perf_counter
    sessions = _common.sessions()
    if _common.claims_rows():
        # PostgreSQL: the claim holds the decisions' rows until the results are stored.
        with sessions.begin() as session:
            started = clock()
            versions = pending_raws(session, None, first_id=first_id, last_id=last_id)
            read = clock()
            results = _redact_all([raw for _, raw in versions], use_pool)
            redacted = clock()
            stored = store_redactions(
                session,
                zip([i for i, _ in versions], results, strict=True),
                engine_version=ENGINE_VERSION,
                actor=actor,
            )
        done = clock()
    else:
        # SQLite: a plain (WAL) read, the redaction outside any transaction, and only the
        # storing holds the single write lock.
        started = clock()
        with _common.read_sessions().begin() as session:
            versions = pending_raws(session, None, first_id=first_id, last_id=last_id)
        read = clock()
        results = _redact_all([raw for _, raw in versions], use_pool)
        redacted = clock()
        with sessions.begin() as session:
            stored = store_redactions(
                session,
                zip([i for i, _ in versions], results, strict=True),
                engine_version=ENGINE_VERSION,
                actor=actor,
            )
        done = clock()
    summary = RedactSummary(
        chunks=1 if stored else 0,
        read_s=read - started,
        redact_s=redacted - read,
        store_s=done - redacted,
    )
    for (version_id, _), result in zip(versions, results, strict=True):
        if version_id in stored:
            if result["publishable"]:
                summary.redacted += 1
            else:
                summary.withheld += 1
    return summary


def _pool_fits(pending: int, workers: int) -> bool:
    """Redact in worker processes: the chunks run on threads of this process (a process or
    Dask runner has its own worker processes), there are cores to use and enough work."""
    context = FlowRunContext.get()
    runner = None if context is None else context.task_runner
    return isinstance(runner, ThreadPoolTaskRunner) and workers > 1 and pending >= POOL_MIN_RECORDS


@flow(name="redact", task_runner=ThreadPoolTaskRunner(max_workers=2 * (os.cpu_count() or 2)))
def redact_pending(chunk_size: int | None = None) -> RedactSummary:
    """Redact every pending version, one task per chunk of ``chunk_size`` records (default:
    ``GONGKAI_CHUNK_SIZE``), chunks in parallel on the flow's task runner."""
    settings = load_settings()
    size = chunk_size or settings.chunk_size
    actor = _common.run_actor("redact")
    logger = get_run_logger()
    total = RedactSummary()
    with ExitStack() as stack:
        pool_started = False
        while chunks := plan_chunks(size):
            pending = sum(n for _, _, n in chunks)
            use_pool = _pool_fits(pending, settings.task_workers)
            if use_pool and not pool_started:
                stack.enter_context(redaction_pool(settings.task_workers))
                pool_started = True
            futures = [
                redact_chunk.submit(first, last, actor, use_pool) for first, last, _ in chunks
            ]
            wait(futures)  # let every chunk finish (or fail) before reporting a failure
            round_total = RedactSummary()
            for future in futures:
                round_total.add(future.result())
            total.add(round_total)
            logger.info("redacted %s of %s pending", round_total.records, pending)
            if not round_total.records:  # the rest is done or claimed by another run
                break
    logger.info("redact: %s", total)
    return total


def make_task_runner(settings: FlowSettings | None = None) -> TaskRunner[Any]:
    """The redact flow's task runner as configured (``GONGKAI_TASK_RUNNER``).

    ``threads``: twice ``GONGKAI_TASK_WORKERS`` threads, so that while one chunk of a worker
    process is being stored the next one is already waiting for it."""
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
    return ThreadPoolTaskRunner(max_workers=2 * workers)


def configured_redact_flow(settings: FlowSettings | None = None) -> Any:
    """:func:`redact_pending` with the configured task runner."""
    return redact_pending.with_options(task_runner=make_task_runner(settings))
