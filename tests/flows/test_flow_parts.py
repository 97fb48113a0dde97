"""The flows' parts without a flow run: settings, working days, retry rule, and a file's ingest
interrupted and resumed (``task.fn``)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flowtools import Stores, snapshot
from prefect.states import Completed, Failed
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, OperationalError

from gongkai.flows import _common
from gongkai.flows import ingest as ingest_module
from gongkai.flows.ingest import export_files, ingest_file
from gongkai.flows.settings import FlowSettings, SettingsError, configure_prefect
from gongkai.flows.workdays import add_working_days, is_working_day
from gongkai.pipeline import prepare
from gongkai.store import FileStatus, IngestCounts, SchemaOutOfDate

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
    """Wraps ``ingest_line``: the ``n``-th line raises (the process dies mid-file)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0
        self.lock = threading.Lock()
        self.original = ingest_module.ingest_line

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        with self.lock:
            self.calls += 1
            crash = self.calls == self.n
        if crash:
            raise KeyboardInterrupt("killed")
        return self.original(*args, **kwargs)


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
        patch.setattr(ingest_module, "ingest_line", _CrashAt(12))  # lines 1-10 committed
        with pytest.raises(KeyboardInterrupt):
            ingest_file.fn(first, "test:ingest", 2)
    with _common.sessions().begin() as session:
        row = _common.export_file(session, ingest_module.file_key(first))
        assert row is not None and row.status == FileStatus.INGESTING
    assert ingest_file.fn(first, "test:ingest", 2).counts == IngestCounts(24, 20, 1, 0, 3)
    with monkeypatch.context() as patch:
        # after lines 21 (new version) and 22 (revocation) are committed
        patch.setattr(ingest_module, "ingest_line", _CrashAt(23))
        with pytest.raises(KeyboardInterrupt):
            ingest_file.fn(second, "test:ingest", 2)
    assert ingest_file.fn(second, "test:ingest", 2).counts == IngestCounts(23, 20, 0, 2, 1)

    assert snapshot(resumed) == ingested_reference(backend, request)
