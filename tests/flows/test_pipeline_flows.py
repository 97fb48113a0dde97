"""Real flow runs (Prefect's test harness) on SQLite and PostgreSQL: ingest of a messy export
with reconciled counts, redaction, review batches, idempotent and interrupted re-runs."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flowtools import Stores, rows, snapshot, store_env
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from gongkai.flows import _common
from gongkai.flows import redact as redact_module
from gongkai.flows.ingest import export_files, file_key, ingest
from gongkai.flows.pipeline import SUMMARY_KEYS, run_pipeline
from gongkai.flows.workdays import add_working_days
from gongkai.pipeline import SUMMARY_KEYS as PASS_KEYS
from gongkai.pipeline import run_pass
from gongkai.store import (
    AuditEntry,
    Decision,
    DecisionState,
    QuarantineEntry,
    RecordVersion,
    RedactionRecord,
    ReviewBatch,
)

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, stores: Stores, use_store: Callable[[URL], None]) -> URL:
    url = stores.create(str(request.param), request)
    use_store(url)
    return url


def test_ingest_of_a_messy_export_reconciles(store: URL, messy_export) -> None:
    folder, expected = messy_export

    summary = ingest(folder)

    counts = summary.as_dict()
    assert {k: counts[k] for k in expected["counts"]} == expected["counts"]
    assert summary.skipped_files == 0
    state = snapshot(store)
    assert {(name, line, field or None) for name, line, field in state["quarantine"]} == (
        expected["quarantined"]
    )
    assert state["files"] == [
        ("export-0001.jsonl", "done", 24, 20, 1, 0, 3),
        ("export-0002.jsonl", "done", 23, 20, 0, 2, 1),
    ]
    assert len(state["decisions"]) == 40
    with rows(store) as s:
        reasons = dict(s.execute(select(QuarantineEntry.field, QuarantineEntry.reason)).all())
        revoked = s.scalars(select(Decision).where(Decision.source_id == expected["revoked"])).one()
        changed = list(
            s.scalars(
                select(RecordVersion)
                .where(RecordVersion.source_id == expected["changed"])
                .order_by(RecordVersion.version)
            )
        )
    # the reason names file, line and field
    assert "export-0001.jsonl:23: field 'legal_basis': missing" in reasons["legal_basis"]
    assert "export-0001.jsonl:25: field 'decision_date'" in reasons["decision_date"]
    assert revoked.withdrawal_status == "revoked"
    assert [(v.version, v.is_current, Path(v.file_path).name) for v in changed] == [
        (1, False, "export-0001.jsonl"),
        (2, True, "export-0002.jsonl"),
    ]


@pytest.fixture(scope="module", params=BACKENDS)
def two_passes(
    request: pytest.FixtureRequest,
    stores: Stores,
    messy_export,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[URL, dict[str, int], dict[str, Any], dict[str, int], dict[str, Any]]]:
    """The pipeline run twice over the messy export: (url, first summary, store after the
    first pass, second summary, store after the second)."""
    url = stores.create(str(request.param), request)
    folder, _ = messy_export
    with pytest.MonkeyPatch.context() as patch:
        for name, value in store_env(url, tmp_path_factory.mktemp("data")).items():
            patch.setenv(name, value)
        first = run_pipeline(folder)
        after_first = snapshot(url)
        second = run_pass(folder)  # the command line's entry point
        after_second = snapshot(url)
    yield url, first, after_first, second, after_second


def test_pipeline_counts_then_rerun_is_a_no_op(two_passes, messy_export) -> None:
    _url, first, after_first, second, after_second = two_passes
    _, expected = messy_export

    assert tuple(first) == SUMMARY_KEYS == PASS_KEYS
    assert {k: first[k] for k in expected["counts"]} == expected["counts"]
    # every current version redacted once: 40 decisions, 2 of them in a second version
    assert first["redacted"] + first["withheld"] == 40
    assert first["batched"] == first["redacted"]

    assert second == dict.fromkeys(SUMMARY_KEYS, 0)  # both files skipped, nothing new
    assert after_second == after_first  # nothing written twice, not even an audit entry


def test_redaction_results_and_withheld_reasons(two_passes, messy_export) -> None:
    url, first, *_ = two_passes
    _, expected = messy_export
    with rows(url) as s:
        results = s.execute(
            select(Decision.source_id, Decision.state, RedactionRecord).join(
                RedactionRecord, RedactionRecord.record_version_id == Decision.current_version_id
            )
        ).all()
        withheld_audit = {
            a.subject_id: a.reason
            for a in s.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == "state_changed", AuditEntry.to_state == "withheld"
                )
            )
        }
        redactions = s.scalar(select(func.count(RedactionRecord.id)))
    assert len(results) == 40
    assert redactions == 40  # current versions only: the superseded one was never redacted
    states = Counter(state for _, state, _ in results)
    assert states == {"in_review": first["redacted"], "withheld": first["withheld"]}
    for source_id, state, result in results:
        assert result.engine_version.startswith("gongkai ")
        if state == DecisionState.WITHHELD:
            assert not result.publishable
            assert result.withhold_reason
            assert result.withhold_details[0]["reason"] == result.withhold_reason
            assert withheld_audit[source_id]  # the reason is in the audit log too
        else:
            assert result.publishable and result.withhold_reason is None
            assert result.redacted_text and result.spans
    revoked = next(r for sid, _, r in results if sid == expected["revoked"])
    assert revoked.withhold_reason == "not_effective"


def test_review_batches_per_agency_with_due_dates(two_passes) -> None:
    url, first, *_ = two_passes
    with rows(url) as s:
        batches = list(s.scalars(select(ReviewBatch)))
        batched = s.execute(
            select(Decision, RecordVersion)
            .join(RecordVersion, RecordVersion.id == Decision.current_version_id)
            .where(Decision.batch_id.is_not(None))
        ).all()
    members: dict[int, list[tuple[Decision, RecordVersion]]] = {}
    for decision, version in batched:
        members.setdefault(decision.batch_id, []).append((decision, version))
    assert sum(len(m) for m in members.values()) == first["batched"]
    per_agency = Counter(version.agency for _, version in batched)
    assert len(per_agency) == 3
    # batches of at most 4 (GONGKAI_BATCH_SIZE) per agency, as few as possible
    assert len(batches) == sum(-(-n // 4) for n in per_agency.values())
    for batch in batches:
        group = members[batch.id]
        assert 1 <= len(group) <= 4
        assert {version.agency for _, version in group} == {batch.agency}
        for decision, version in group:
            assert decision.state == DecisionState.IN_REVIEW
            assert decision.due_date == add_working_days(version.decision_date, 7)
        assert batch.due_date == min(decision.due_date for decision, _ in group)


class _FailOnce:
    """Wraps ``redact_raw``: the ``n``-th call raises (a crash inside the second chunk)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0
        self.lock = threading.Lock()
        self.original = redact_module.redact_raw

    def __call__(self, *args: Any) -> Any:
        with self.lock:
            self.calls += 1
            fail = self.calls == self.n
        if fail:
            raise RuntimeError("simulated crash between chunks")
        return self.original(*args)


def test_interrupted_run_then_rerun_equals_uninterrupted_run(
    two_passes,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference_url, _, reference, *_ = two_passes  # one uninterrupted pass
    folder, _ = messy_export
    interrupted = stores.create(reference_url.get_backend_name(), request)
    use_store(interrupted)
    with monkeypatch.context() as patch:
        patch.setattr(redact_module, "redact_raw", _FailOnce(11))  # chunks of 10
        with pytest.raises(RuntimeError, match="simulated crash"):
            run_pipeline(folder)
    half = snapshot(interrupted)
    assert 0 < len(half["redactions"]) < 40  # some chunks done, the failed one rolled back
    assert not half["batches"]  # the pass stopped before batching

    again = run_pipeline(folder)

    assert again["files"] == 0 and again["new"] == 0
    assert again["redacted"] + again["withheld"] == 40 - len(half["redactions"])
    assert snapshot(interrupted) == reference


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_file_another_run_is_ingesting_is_left_to_that_run(
    backend: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
) -> None:
    folder, _ = messy_export
    use_store(stores.create(backend, request))
    first = export_files(folder)[0]

    with _common.claim_file(first, file_key(first)) as claimed:
        assert claimed
        summary = ingest(folder)

    # the later file waits too: it may hold newer versions of the busy file's records
    assert (summary.files, summary.skipped_files, summary.lines_read) == (0, 2, 0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_concurrent_ingest_runs_read_each_file_once(
    backend: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
    ingested_reference,
) -> None:
    folder, expected = messy_export
    concurrent = stores.create(backend, request)
    use_store(concurrent)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [f.result() for f in [pool.submit(ingest, folder) for _ in range(2)]]

    total = {k: sum(getattr(run, k) for run in runs) for k in expected["counts"]}
    assert total == expected["counts"]  # together, every line counted once
    assert sum(run.files + run.skipped_files for run in runs) == 4
    assert snapshot(concurrent) == ingested_reference(backend, request)
