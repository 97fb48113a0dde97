"""Concurrent writers: row claims and constraints, not luck, keep work from being done twice."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from gongkai.store import (
    AuditEntry,
    Decision,
    RecordVersion,
    VersionOutcome,
    add_record_version,
    make_sessionmaker,
    pending_versions,
    store_redaction,
)

T = TypeVar("T")


def _seed(sessions: sessionmaker[Session], record, count: int) -> None:
    with sessions.begin() as session:
        for n in range(count):
            add_record_version(session, **record(f"d{n:03d}"))


def _run_together(workers: int, work: Callable[[int], T]) -> list[T]:
    """Run ``work(0)`` … ``work(workers - 1)`` in threads that start at the same moment."""
    barrier = threading.Barrier(workers)

    def start(n: int) -> T:
        barrier.wait(timeout=10)
        return work(n)

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(start, range(workers)))


# SQLite admits one writing transaction at a time: there two claims cannot be open at once.
@pytest.mark.parametrize("backend", ["postgresql"])
def test_two_open_claims_on_postgresql_get_different_rows(new_engine, record) -> None:
    first, second = (make_sessionmaker(new_engine()) for _ in range(2))
    _seed(first, record, 6)
    with first.begin() as a, second.begin() as b:
        claimed_a = {v.id for v in pending_versions(a, limit=4)}
        claimed_b = {v.id for v in pending_versions(b, limit=4)}  # does not wait for a
        assert len(claimed_a) == 4
        assert len(claimed_b) == 2
        assert not claimed_a & claimed_b


def test_concurrent_redact_workers_claim_each_version_once(new_engine, record, result) -> None:
    sessions = make_sessionmaker(new_engine())
    _seed(sessions, record, 40)

    def worker(n: int) -> list[int]:
        mine = make_sessionmaker(new_engine())  # one engine per worker, as separate processes
        claimed: list[int] = []
        while True:
            with mine.begin() as session:
                batch = pending_versions(session, limit=3)
                if not batch:
                    return claimed
                for version in batch:
                    claimed.append(version.id)
                    assert store_redaction(
                        session, version.id, result(), engine_version="t", actor=f"worker:{n}"
                    )

    claims = [c for got in _run_together(4, worker) for c in got]

    assert len(claims) == 40
    assert len(set(claims)) == 40
    with sessions() as session:
        states = Counter(session.scalars(select(Decision.state)))
        assert states == {"redacted": 40}
        changes = select(func.count(AuditEntry.id)).where(AuditEntry.to_state == "redacted")
        assert session.scalar(changes) == 40


@pytest.mark.parametrize("same_content", [True, False], ids=["same", "changed"])
def test_concurrent_ingest_runs_store_each_version_once(
    new_engine, record, same_content: bool
) -> None:
    count = 20

    def ingest(n: int) -> list[str]:
        text = "正文" if same_content else f"正文{n}"
        with make_sessionmaker(new_engine()).begin() as session:
            return [
                add_record_version(session, **record(f"d{i:03d}", text, file_path=f"run{n}"))
                for i in range(count)
            ]

    runs = _run_together(2, ingest)

    outcomes = Counter(o for run in runs for o in run)
    second = VersionOutcome.UNCHANGED if same_content else VersionOutcome.SUPERSEDING
    assert outcomes == {VersionOutcome.NEW: count, second: count}
    with make_sessionmaker(new_engine())() as session:
        versions = session.scalar(select(func.count(RecordVersion.id)))
        current = select(func.count(RecordVersion.id)).where(RecordVersion.is_current)
        assert versions == (count if same_content else 2 * count)
        assert session.scalar(current) == count
        assert session.scalar(select(func.count(Decision.id))) == count
