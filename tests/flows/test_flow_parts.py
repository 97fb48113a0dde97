"""The flows' parts without a flow run: settings, working days, retry rule, a file's ingest
interrupted and resumed, and the multi-row writes of ingest and batching against the
one-row-at-a-time way (``task.fn``)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from flowtools import Stores, snapshot
from prefect.states import Completed, Failed
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, OperationalError

from gongkai.flows import _common
from gongkai.flows import batch as batch_module
from gongkai.flows import ingest as ingest_module
from gongkai.flows.batch import BatchSummary, agencies_to_batch, batch_agencies
from gongkai.flows.ingest import export_files, ingest_file
from gongkai.flows.redact import redact_chunk
from gongkai.flows.settings import FlowSettings, SettingsError, configure_prefect
from gongkai.flows.workdays import add_working_days, is_working_day
from gongkai.pipeline import prepare
from gongkai.store import (
    FileStatus,
    IngestCounts,
    RecordVersion,
    SchemaOutOfDate,
    VersionOutcome,
    add_record_version,
    add_to_batch,
    create_review_batch,
    unbatched_decisions,
)
from gongkai.synthetic import write_demo_data

# --- settings ---------------------------------------------------------------------------------


def test_settings_defaults_and_overrides() -> None:
    default = FlowSettings.from_env({})
    assert default.data_dir == Path("data")
    assert default.export_dir == Path("data/export")
    assert (default.chunk_size, default.batch_size, default.publish_working_days) == (200, 50, 7)
    assert default.task_runner == "threads"

    custom = FlowSettings.from_env(
        {
            "GONGKAI_DATA_DIR": "/srv/gk",
            "GONGKAI_CHUNK_SIZE": "500",
            "GONGKAI_TASK_RUNNER": "Dask",
            "GONGKAI_DASK_ADDRESS": "tcp://10.0.0.5:8786",
        }
    )
    assert custom.export_dir == Path("/srv/gk/export")
    assert (custom.chunk_size, custom.task_runner) == (500, "dask")
    assert custom.dask_address == "tcp://10.0.0.5:8786"


@pytest.mark.parametrize(
    "env",
    [
        {"GONGKAI_CHUNK_SIZE": "0"},
        {"GONGKAI_BATCH_SIZE": "many"},
        {"GONGKAI_TASK_RUNNER": "ray"},
    ],
)
def test_bad_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match=next(iter(env))):
        FlowSettings.from_env(env)


def test_prefect_defaults_never_override_what_is_set(tmp_path: Path) -> None:
    env = {"PREFECT_API_URL": "http://127.0.0.1:4200/api", "PREFECT_LOGGING_LEVEL": "DEBUG"}

    added = configure_prefect(tmp_path / "data", env)

    assert env["PREFECT_LOGGING_LEVEL"] == "DEBUG"
    assert env["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"
    assert env["PREFECT_HOME"] == str(tmp_path / "data" / "prefect")
    assert (tmp_path / "data" / "prefect").is_dir()
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert env["PREFECT_SERVER_UI_ENABLED"] == "false"
    assert env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] == "90"
    assert "PREFECT_LOGGING_LEVEL" not in added
    assert configure_prefect(tmp_path / "data", env) == {}  # second call: nothing left to set


def test_a_pass_refuses_an_unmigrated_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(SchemaOutOfDate, match="gongkai db upgrade"):
        prepare()


# --- working days -----------------------------------------------------------------------------


def test_working_days_follow_the_chinese_calendar() -> None:
    pytest.importorskip("chinese_calendar")
    assert not is_working_day(dt.date(2024, 10, 1))  # National Day
    assert is_working_day(dt.date(2024, 9, 29))  # a Sunday worked in exchange (调休)
    assert add_working_days(dt.date(2024, 9, 27), 1) == dt.date(2024, 9, 29)
    # 7 working days from 30 September 2024: 8-12 October (12th a Saturday worked), 14, 15
    assert add_working_days(dt.date(2024, 9, 30), 7) == dt.date(2024, 10, 15)


def test_working_days_beyond_the_calendar_count_weekdays() -> None:
    assert add_working_days(dt.date(2099, 1, 2), 7) == dt.date(2099, 1, 13)  # Fri + 7
    assert add_working_days(dt.date(2099, 1, 2), 0) == dt.date(2099, 1, 2)


# --- retries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "retry"),
    [
        (OperationalError("BEGIN", {}, Exception("database is locked")), True),
        (IntegrityError("INSERT", {}, Exception("unique")), False),
        (ValueError("bad"), False),
    ],
)
def test_only_transient_database_errors_are_retried(exc: Exception, retry: bool) -> None:
    assert _common.retry_on_transient_db_error(None, None, Failed(data=exc)) is retry


def test_a_completed_state_is_not_retried() -> None:
    assert _common.retry_on_transient_db_error(None, None, Completed(data=1)) is False


# --- a file's ingest, interrupted and resumed -------------------------------------------------


class _CrashAt:
    """Wraps ``ingest_lines``: the group holding the ``n``-th line raises (the process dies
    mid-file; the groups before it are committed)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.lines = 0
        self.lock = threading.Lock()
        self.original = ingest_module.ingest_lines

    def __call__(self, session: Any, lines: Any, **kwargs: Any) -> list[str]:
        with self.lock:
            before = self.lines
            self.lines += len(lines)
        if before < self.n <= before + len(lines):
            raise KeyboardInterrupt("killed")
        return self.original(session, lines, **kwargs)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_file_ingest_resumed_after_a_crash_counts_as_one_run(
    backend: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
    ingested_reference,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, _ = messy_export
    first, second = export_files(folder)
    resumed = stores.create(backend, request)
    use_store(resumed)
    with monkeypatch.context() as patch:
        patch.setattr(ingest_module, "ingest_lines", _CrashAt(12))  # lines 1-10 committed
        with pytest.raises(KeyboardInterrupt):
            ingest_file.fn(first, "test:ingest", 2)
    with _common.sessions().begin() as session:
        row = _common.export_file(session, ingest_module.file_key(first))
        assert row is not None and row.status == FileStatus.INGESTING
    assert ingest_file.fn(first, "test:ingest", 2).counts == IngestCounts(24, 20, 1, 0, 3)
    with monkeypatch.context() as patch:
        # after lines 21 (new version) and 22 (revocation) are committed
        patch.setattr(ingest_module, "ingest_lines", _CrashAt(23))
        with pytest.raises(KeyboardInterrupt):
            ingest_file.fn(second, "test:ingest", 2)
    assert ingest_file.fn(second, "test:ingest", 2).counts == IngestCounts(23, 20, 0, 2, 1)

    assert snapshot(resumed) == ingested_reference(backend, request)


# --- many rows per statement give what one row at a time gave ---------------------------------


def _one_by_one(session: Any, versions: Any, *, actor: str) -> list[VersionOutcome]:
    """``add_record_versions`` as it was: ``add_record_version`` for each record."""
    return [add_record_version(session, **asdict(v), actor=actor) for v in versions]


def _synthetic_export(folder: Path) -> Path:
    """60 decisions of every status (a revoked or changed one is recorded for withdrawal at
    its first version), and the first 20 again with new content: superseding versions."""
    paths, gold = write_demo_data(60, folder, seed=12)
    gold.unlink()
    lines = paths[0].read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [line.replace("。", "。 ", 1) for line in lines[:20]]
    (folder / "export-0002.jsonl").write_text("".join(changed), encoding="utf-8")
    return folder


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("export", ["messy", "synthetic"])
def test_ingest_in_groups_equals_ingest_line_by_line(
    backend: str,
    export: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = messy_export[0] if export == "messy" else _synthetic_export(tmp_path / "export")
    snapshots = []
    for grouped in (True, False):
        use_store(stores.create(backend, request))
        with monkeypatch.context() as patch:
            if not grouped:
                patch.setattr(ingest_module, "add_record_versions", _one_by_one)
            counts = [ingest_file.fn(p, "test:ingest", 7).counts for p in export_files(folder)]
        snapshots.append((counts, snapshot(_common.database_url())))
    assert snapshots[0] == snapshots[1]


def _batch_one_by_one(session: Any, agency: str, planned: Any, size: int, days: int, actor: str):
    """The review batches as they were made: the oldest unbatched decisions, one ORM object at
    a time."""
    done = BatchSummary()
    while decisions := unbatched_decisions(session, size, agency=agency):
        dates = {}
        for decision in decisions:
            decided = session.get(RecordVersion, decision.current_version_id).decision_date
            dates[decision.id] = None if decided is None else add_working_days(decided, days)
        known = [d for d in dates.values() if d is not None]
        batch = create_review_batch(
            session, agency=agency, due_date=min(known) if known else None, actor=actor
        )
        for decision in decisions:
            add_to_batch(session, decision, batch, actor=actor, due_date=dates[decision.id])
        done.batches += 1
        done.batched += len(decisions)
    return done


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_review_batches_in_groups_equal_batches_one_by_one(
    backend: str,
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, _ = messy_export
    snapshots = []
    for grouped in (True, False):
        use_store(stores.create(backend, request))
        for path in export_files(folder):
            ingest_file.fn(path, "test:ingest")
        redact_chunk.fn(0, 10**9, "test:redact")
        agencies = agencies_to_batch.fn()
        with monkeypatch.context() as patch:
            if not grouped:
                patch.setattr(batch_module, "fill_agency_batches", _batch_one_by_one)
            summary = batch_agencies.fn(agencies, 3, 7, "test:batch")
        snapshots.append((summary, snapshot(_common.database_url())))
    assert snapshots[0] == snapshots[1]
    assert snapshots[0][0].batched > 0
