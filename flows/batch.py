"""Review-batch flow: redacted, publishable decisions into review batches per agency.

Each decision gets a due date: its decision date plus the publication deadline in working
days (``GONGKAI_PUBLISH_WORKING_DAYS``, default 7); a batch is due when its earliest decision
is. Decisions move to ``in_review`` through the store, audited with the flow run as actor.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import wait
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy.orm import Session

from gongkai.flows import _common
from gongkai.flows.settings import load_settings
from gongkai.flows.workdays import add_working_days
from gongkai.store import RecordVersion, add_to_batch, create_review_batch, unbatched_decisions

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


def fill_one_batch(
    session: Session, agency: str, batch_size: int, working_days: int, actor: str
) -> int:
    """Claim up to ``batch_size`` of the agency's unbatched decisions (oldest first) into a new
    batch; return how many (0: none left, no batch made)."""
    decisions = unbatched_decisions(session, batch_size, agency=agency)
    if not decisions:
        return 0
    due_dates: dict[int, dt.date | None] = {}
    for decision in decisions:
        version = session.get(RecordVersion, decision.current_version_id)
        decided = None if version is None else version.decision_date
        due_dates[decision.id] = (
            None if decided is None else add_working_days(decided, working_days)
        )
    known = [d for d in due_dates.values() if d is not None]
    batch = create_review_batch(
        session, agency=agency, due_date=min(known) if known else None, actor=actor
    )
    for decision in decisions:
        add_to_batch(session, decision, batch, actor=actor, due_date=due_dates[decision.id])
    return len(decisions)


@task(cache_policy=NO_CACHE, **DB_RETRIES)
def batch_agencies(
    agencies: list[str], batch_size: int, working_days: int, actor: str
) -> BatchSummary:
    """Batch every waiting decision of these agencies, one transaction per batch."""
    done = BatchSummary()
    sessions = _common.sessions()
    for agency in agencies:
        while True:
            with sessions.begin() as session:
                added = fill_one_batch(session, agency, batch_size, working_days, actor)
            if not added:
                break
            done.batches += 1
            done.batched += added
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
