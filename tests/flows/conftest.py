"""Flow fixtures: real flow runs against Prefect's test harness, on SQLite and PostgreSQL.

Prefect reads its settings when it is first imported, so its home is pointed at a temporary
folder here, before any test module imports ``gongkai.flows``.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_PREFECT_HOME = tempfile.mkdtemp(prefix="gongkai-test-prefect-")
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
os.environ["PREFECT_HOME"] = _PREFECT_HOME

import pytest  # noqa: E402
from flowtools import Stores, snapshot, store_env, write_messy_export  # noqa: E402
from sqlalchemy.engine import URL  # noqa: E402

from gongkai.flows import _common  # noqa: E402
from gongkai.flows.ingest import export_files, ingest_file  # noqa: E402

# The PostgreSQL server of the store tests (a throw-away cluster, or GONGKAI_TEST_POSTGRES_URL),
# loaded from their conftest rather than copied.
_spec = importlib.util.spec_from_file_location(
    "gongkai_tests_store_conftest", Path(__file__).parent.parent / "store" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)
postgres_admin_url = _store_conftest.postgres_admin_url


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "dask: starts a local Dask cluster (about 10 s)")


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    # No heartbeats: nothing watches them here, and their thread costs ~1 s per flow run.
    with (
        prefect_test_harness(server_startup_timeout=90),
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
    ):
        yield


@pytest.fixture(scope="session")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stores]:
    yield Stores(tmp_path_factory.mktemp("stores"))
    _common.dispose_engines()


@pytest.fixture
def use_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[URL], None]:
    """``use_store(url)``: point the flows at that store for this test."""

    def point(url: URL) -> None:
        for name, value in store_env(url, tmp_path / "data").items():
            monkeypatch.setenv(name, value)

    return point


@pytest.fixture(scope="session")
def messy_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("drop") / "export"
    return folder, write_messy_export(folder)


@pytest.fixture(scope="session")
def ingested_reference(
    stores: Stores, messy_export, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, pytest.FixtureRequest], dict[str, Any]]:
    """``ingested_reference(backend, request)``: the snapshot of a store into which the messy
    export was ingested once, file after file, without flows (made once per backend)."""
    folder, _ = messy_export
    made: dict[str, dict[str, Any]] = {}

    def reference(backend: str, request: pytest.FixtureRequest) -> dict[str, Any]:
        if backend not in made:
            url = stores.create(backend, request)
            with pytest.MonkeyPatch.context() as patch:
                for name, value in store_env(url, tmp_path_factory.mktemp("data")).items():
                    patch.setenv(name, value)
                for path in export_files(folder):
                    ingest_file.fn(path, "test:ingest")
            made[backend] = snapshot(url)
        return made[backend]

    return reference
