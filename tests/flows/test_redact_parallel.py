"""The redact flow across cores: chunks planned as disjoint id ranges, redaction in worker
processes (each builds its redactor once), and on SQLite the redaction outside any
transaction, so that two runs at once redact the same versions but store each result once."""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from flowtools import Stores, rows, snapshot
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from gongkai.flows import _common
from gongkai.flows import redact as redact_module
from gongkai.flows.ingest import export_files, ingest_file
from gongkai.flows.redact import (
    configured_redact_flow,
    plan_chunks,
    redact_pending,
    redaction_pool,
)
from gongkai.store import AuditEntry, RedactionRecord

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    """The redaction worker processes, held open for the module's tests (starting them costs
    a few seconds): the flow runs share them, and the tests can ask them afterwards."""
    with redaction_pool(2) as workers:
        yield workers


def _ingested_store(
    backend: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
) -> URL:
    folder, _ = messy_export
    url = stores.create(backend, request)
    use_store(url)
    for path in export_files(folder):
        ingest_file.fn(path, "test:ingest")
    return url


def _redaction_counts(url: URL) -> tuple[int, Counter[str]]:
    with rows(url) as s:
        stored = s.scalar(select(func.count(RedactionRecord.id))) or 0
        moves = Counter(
            s.scalars(
                select(AuditEntry.subject_id).where(
                    AuditEntry.action == "state_changed", AuditEntry.from_state == "ingested"
                )
            )
        )
    return stored, moves


@pytest.mark.parametrize("backend", ["sqlite"])
def test_chunks_are_disjoint_ranges_covering_every_pending_version(
    backend: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
) -> None:
    _ingested_store(backend, request, stores, use_store, messy_export)
    with _common.sessions().begin() as session:
        pending = _common.count_pending_versions(session)

    chunks = plan_chunks.fn(7)

    assert sum(n for _, _, n in chunks) == pending == 40
    assert all(n == 7 for _, _, n in chunks[:-1])
    bounds = [b for first, last, _ in chunks for b in (first, last)]
    assert bounds == sorted(bounds)
    assert all(last < first for (_, last, _), (first, _, _) in itertools.pairwise(chunks))


@pytest.mark.parametrize("backend", BACKENDS)
def test_redaction_in_worker_processes_gives_the_same_store(
    backend: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
    monkeypatch: pytest.MonkeyPatch,
    pool: ProcessPoolExecutor,
) -> None:
    # the same store, redacted on the task threads (few records: no worker processes)
    inline = _ingested_store(backend, request, stores, use_store, messy_export)
    configured_redact_flow()(10)
    expected = snapshot(inline)

    pooled = _ingested_store(backend, request, stores, use_store, messy_export)
    monkeypatch.setattr(redact_module, "POOL_MIN_RECORDS", 1)
    builds_here = _common.redactor_builds

    summary = configured_redact_flow()(10)

    workers = {pool.submit(_common.warm_up).result() for _ in range(8)}

    assert summary.records == 40 and summary.chunks == 4
    assert snapshot(pooled) == expected
    assert _common.redactor_builds == builds_here  # nothing redacted in this process
    assert os.getpid() not in {pid for pid, _ in workers}
    assert {builds for _, builds in workers} == {1}  # each worker built its redactor once


def test_two_runs_at_once_on_sqlite_store_each_result_once(
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
) -> None:
    url = _ingested_store("sqlite", request, stores, use_store, messy_export)

    with ThreadPoolExecutor(max_workers=2) as runs:
        summaries = [f.result() for f in [runs.submit(redact_pending, 10) for _ in range(2)]]

    # SQLite claims nothing: both runs may redact a version, only one stores it
    assert sum(s.records for s in summaries) == 40
    stored, moves = _redaction_counts(url)
    assert stored == 40
    assert len(moves) == 40 and set(moves.values()) == {1}  # one state change per decision
    with _common.sessions().begin() as session:
        assert _common.count_pending_versions(session) == 0
