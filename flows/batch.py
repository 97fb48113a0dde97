"""Review-batch flow: redacted, publishable decisions into review batches per agency.

Each decision gets a due date: its decision date plus the publication deadline in working
days (``GONGKAI_PUBLISH_WORKING_DAYS``, default 7); a batch is due when its earliest decision
is. Decisions move to ``in_review`` through the store, audited with the flow run as actor.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass
from functools import lru_cache

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import wait
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy.orm import Session

from gongkai.flows import _common
from gongkai.flows.settings import load_settings
from gongkai.flows.workdays import add_working_days
from gongkai.store.batches import add_batch, claim_unbatched, unbatched_by_agency

AGENCIES_PER_TASK = 50
DB_RETRIES = {
    "retries": 3,
    "retry_delay_seconds": [1, 5, 15],
    "retry_condition_fn": _common.retry_on_transient_db_error,
}


@dataclass
class BatchSummary:
    batches: int = 0
    batched: int = 0

    def add(self, other: BatchSummary) -> None:
        self.batches += other.batches
        self.batched += other.batched

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def agencies_to_batch() -> list[str]:
    with _common.sessions().begin() as session:
        return _common.agencies_awaiting_batch(session)


@lru_cache(maxsize=8192)
def due_date(decided: dt.date, working_days: int) -> dt.date:
    """The publication deadline of a decision of that date (dates repeat: cached)."""
    return add_working_days(decided, working_days)


def fill_agency_batches(
    session: Session,
    agency: str,
    planned: list[tuple[int, dt.date | None]],
    batch_size: int,
    working_days: int,
    actor: str,
) -> BatchSummary:
    """Claim the planned decisions of one agency (``(decision id, decision date)`` oldest
    first) that are still waiting, and put them into batches of at most ``batch_size``."""
    claimed = claim_unbatched(session, [decision_id for decision_id, _ in planned])
    members = [(i, decided) for i, decided in planned if i in claimed]
    done = BatchSummary()
    for start in range(0, len(members), batch_size):
        group = members[start : start + batch_size]
        add_batch(
            session,
            agency=agency,
            due_dates={
                i: None if decided is None else due_date(decided, working_days)
                for i, decided in group
            },
            actor=actor,
        )
        done.batches += 1
        done.batched += len(group)
    return done


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def batch_agencies(
    agencies: list[str], batch_size: int, working_days: int, actor: str
) -> BatchSummary:
    """Batch every waiting decision of these agencies: one read for all of them, then one
    transaction per agency (claim, batches, states, audit)."""
    done = BatchSummary()
    sessions = _common.sessions()
    with _common.read_sessions().begin() as session:
        plan = unbatched_by_agency(session, agencies)
    for agency in agencies:
        if not plan[agency]:
            continue
        with sessions.begin() as session:
            done.add(
                fill_agency_batches(session, agency, plan[agency], batch_size, working_days, actor)
            )
    return done


@flow(name="review-batches", task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count() or 2))
def make_review_batches(
    batch_size: int | None = None, working_days: int | None = None
) -> BatchSummary:
    """Put every redacted decision not yet in a batch into review batches of at most
    ``batch_size`` (default ``GONGKAI_BATCH_SIZE``) per agency, with due dates."""
    settings = load_settings()
    size = batch_size or settings.batch_size
    days = settings.publish_working_days if working_days is None else working_days
    actor = _common.run_actor("review-batches")
    agencies = agencies_to_batch()
    groups = [
        agencies[i : i + AGENCIES_PER_TASK] for i in range(0, len(agencies), AGENCIES_PER_TASK)
    ]
    futures = [batch_agencies.submit(group, size, days, actor) for group in groups]
    wait(futures)
    total = BatchSummary()
    for future in futures:
        total.add(future.result())
    get_run_logger().info("review batches: %s", total)
    return total
