"""The redact flow on a local 2-worker Dask cluster (prefect-dask's DaskTaskRunner)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flowtools import Stores
from sqlalchemy.engine import URL

from gongkai.flows import _common
from gongkai.flows.ingest import export_files, ingest_file
from gongkai.flows.redact import configured_redact_flow, make_task_runner
from gongkai.flows.settings import FlowSettings

pytest.importorskip("prefect_dask")


@pytest.mark.dask
def test_redact_flow_on_a_two_worker_dask_cluster(
    request: pytest.FixtureRequest,
    stores: Stores,
    use_store: Callable[[URL], None],
    messy_export,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prefect_dask import DaskTaskRunner

    folder, _ = messy_export
    use_store(stores.create("sqlite", request))
    monkeypatch.setenv("GONGKAI_TASK_RUNNER", "dask")
    monkeypatch.setenv("GONGKAI_TASK_WORKERS", "2")
    for path in export_files(folder):
        ingest_file.fn(path, "test:ingest")
    settings = FlowSettings.from_env()
    assert isinstance(make_task_runner(settings), DaskTaskRunner)

    summary = configured_redact_flow(settings)(10)

    assert summary.redacted + summary.withheld == 40
    assert summary.chunks == 4
    with _common.sessions().begin() as session:
        assert _common.count_pending_versions(session) == 0
