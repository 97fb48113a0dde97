"""`gongkai serve-flows`: its settings, and the real thing in a subprocess (it starts a Prefect
server on loopback, registers the deployments with their schedules, runs a requested flow
run, and stops the server when it is stopped).

The subprocesses get an environment of their own (no PREFECT_* or GONGKAI_* variable of this
test process), so nothing leaks either way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.flows.deployments import (
    FLOWS,
    SERVER_PID_FILE,
    api_is_healthy,
    deployment_specs,
)
from gongkai.flows.settings import ServeSettings, SettingsError
from gongkai.store.migrate import upgrade
from gongkai.synthetic import write_demo_data


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    """Not needed here: everything Prefect runs in the subprocesses (overrides the flow
    tests' session harness for this module, which saves its start-up when run alone)."""
    yield


# --- settings ---------------------------------------------------------------------------------


def test_schedules_default_to_the_pipeline_every_15_minutes() -> None:
    settings = ServeSettings.from_env({})

    assert settings.schedules == {
        "pipeline": "*/15 * * * *",
        "ingest": None,
        "redact": None,
        "batch": None,
        "publication": "10 * * * *",
        "snapshot": "30 2 * * *",
    }
    assert (settings.timezone, settings.prefect_port) == ("Asia/Shanghai", 4200)
    assert [(s.key, s.flow, s.cron) for s in deployment_specs(settings)] == [
        ("pipeline", "gongkai.flows.pipeline:run_pipeline", "*/15 * * * *"),
        ("ingest", "gongkai.flows.ingest:ingest", None),
        ("redact", "gongkai.flows.pipeline:redact_pass", None),
        ("batch", "gongkai.flows.batch:make_review_batches", None),
        ("publication", "gongkai.flows.publish:publication_pass", "10 * * * *"),
        ("snapshot", "gongkai.flows.publish:write_snapshots", "30 2 * * *"),
    ]


def test_schedules_are_settings() -> None:
    settings = ServeSettings.from_env(
        {
            "GONGKAI_SCHEDULE_PIPELINE": "off",
            "GONGKAI_SCHEDULE_INGEST": " 0  2 * * 1-5 ",
            "GONGKAI_SCHEDULE_TIMEZONE": "UTC",
            "GONGKAI_PREFECT_PORT": "4321",
        }
    )

    assert settings.schedules["pipeline"] is None
    assert settings.schedules["ingest"] == "0 2 * * 1-5"
    assert (settings.timezone, settings.prefect_port) == ("UTC", 4321)


@pytest.mark.parametrize(
    "env",
    [
        {"GONGKAI_SCHEDULE_PIPELINE": "every 15 minutes"},
        {"GONGKAI_SCHEDULE_BATCH": "*/5 * * *"},
        {"GONGKAI_SCHEDULE_TIMEZONE": "Mars/Olympus_Mons"},
        {"GONGKAI_PREFECT_PORT": "70000"},
    ],
)
def test_bad_serve_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match=next(iter(env))):
        ServeSettings.from_env(env)


def test_every_flow_can_be_loaded_by_its_module_path() -> None:
    from gongkai.flows.deployments import load_flow

    names = {key: load_flow(target).name for key, target in FLOWS.items()}

    assert names == {
        "pipeline": "pipeline",
        "ingest": "ingest",
        "redact": "redact-pass",
        "batch": "review-batches",
        "publication": "publication",
        "snapshot": "snapshot",
    }


# --- the command, in a subprocess ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "GONGKAI_"))}
    env.update(
        {
            "GONGKAI_DATA_DIR": str(data_dir),
            "DO_NOT_TRACK": "1",
            "PREFECT_RUNNER_POLL_FREQUENCY": "1",  # pick up a requested run within a second
        }
    )
    env.update(extra)
    return env


def _serve_flows(cwd: Path, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    log = (cwd / "serve-flows.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "serve-flows", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _log(cwd: Path) -> str:
    return (cwd / "serve-flows.log").read_text("utf-8", errors="replace")


def _wait(condition, what: str, process: subprocess.Popen[bytes], cwd: Path, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve-flows exited ({process.returncode}) before {what}:\n{_log(cwd)}")
        found = condition()
        if found:
            return found
        time.sleep(0.25)
    pytest.fail(f"no {what} within {timeout} s:\n{_log(cwd)}")


def _stop(process: subprocess.Popen[bytes], pid_file: Path) -> None:
    """Last resort after a failure: kill what is left, by id."""
    if process.poll() is None:
        process.kill()
        process.wait(10)
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.killpg(int(pid_file.read_text()), signal.SIGKILL)


@pytest.fixture
def migrated_data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write_demo_data(6, data / "export", seed=5)  # with gold.jsonl, which ingest leaves alone
    upgrade(f"sqlite:///{data / 'gongkai.sqlite'}")
    return data


def test_serve_flows_starts_a_server_registers_schedules_runs_and_stops(
    tmp_path: Path, migrated_data_dir: Path
) -> None:
    from prefect.client.orchestration import SyncPrefectClient

    data = migrated_data_dir
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = _env(
        data,
        # far from now, so that no scheduled run starts during the test
        GONGKAI_SCHEDULE_PIPELINE="0 3 1 1 *",
        GONGKAI_SCHEDULE_INGEST="30 2 * * 1",
        GONGKAI_SCHEDULE_PUBLICATION="0 4 1 1 *",
        GONGKAI_SCHEDULE_SNAPSHOT="off",
    )
    pid_file = data / "prefect" / SERVER_PID_FILE
    started = time.monotonic()
    process = _serve_flows(tmp_path, env, "--port", str(port))
    try:
        _wait(lambda: api_is_healthy(api), "healthy Prefect API", process, tmp_path, 90)
        healthy_after = time.monotonic() - started
        with SyncPrefectClient(api) as client:
            deployments = _wait(
                lambda: (
                    {
                        f"{client.read_flow(d.flow_id).name}/{d.name}": d
                        for d in client.read_deployments()
                    }
                    if len(client.read_deployments()) == 6
                    else None
                ),
                "6 deployments",
                process,
                tmp_path,
                60,
            )
            assert set(deployments) == {
                "pipeline/gongkai",
                "ingest/gongkai",
                "redact-pass/gongkai",
                "review-batches/gongkai",
                "publication/gongkai",
                "snapshot/gongkai",
            }
            pipeline = deployments["pipeline/gongkai"]
            assert pipeline.entrypoint == "gongkai.flows.pipeline.run_pipeline"
            assert [(s.schedule.cron, s.schedule.timezone) for s in pipeline.schedules] == [
                ("0 3 1 1 *", "Asia/Shanghai")
            ]
            assert [s.schedule.cron for s in deployments["ingest/gongkai"].schedules] == [
                "30 2 * * 1"
            ]
            assert deployments["redact-pass/gongkai"].schedules == []
            assert deployments["review-batches/gongkai"].schedules == []
            publication = deployments["publication/gongkai"]
            assert publication.entrypoint == "gongkai.flows.publish.publication_pass"
            assert [s.schedule.cron for s in publication.schedules] == ["0 4 1 1 *"]
            assert deployments["snapshot/gongkai"].schedules == []
            assert not pipeline.paused
            for deployment in deployments.values():  # one run at a time
                assert deployment.global_concurrency_limit is not None
                assert deployment.global_concurrency_limit.limit == 1

            run = client.create_flow_run_from_deployment(pipeline.id)
            final = _wait(
                lambda: (r := client.read_flow_run(run.id)).state.is_final() and r,
                "finished pipeline run",
                process,
                tmp_path,
                90,
            )
            assert final.state.is_completed(), f"{final.state}\n{_log(tmp_path)}"
            children = client.read_flow_runs()
            subflows = sorted(
                client.read_flow(r.flow_id).name for r in children if r.parent_task_run_id
            )
            assert subflows == ["ingest", "redact", "review-batches"]

        # the UI is served too
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
            f"http://127.0.0.1:{port}/", timeout=10
        ) as page:
            assert b"<html" in page.read(2000).lower()

        # the served run did the work, in the data dir's store, as flow runs
        with sqlite3.connect(data / "gongkai.sqlite") as db:
            states = dict(db.execute("SELECT state, count(*) FROM decisions GROUP BY state"))
            actors = {a for (a,) in db.execute("SELECT DISTINCT actor FROM audit_log")}
        assert sum(states.values()) == 6 and set(states) <= {"in_review", "withheld"}
        assert any(a.startswith("flow:ingest/") and not a.endswith("/local") for a in actors)
        # the server's home (its database, log, pid) is under the data dir
        assert (data / "prefect" / "prefect.db").is_file()
        assert pid_file.is_file()

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0, _log(tmp_path)
        assert "已停止" in _log(tmp_path)
        assert not api_is_healthy(api)  # the server is gone with it
        assert not pid_file.exists()
        total = time.monotonic() - started
        print(f"server healthy after {healthy_after:.1f} s; whole test {total:.1f} s")
    finally:
        _stop(process, pid_file)


def test_serve_flows_refuses_a_taken_port_an_unreachable_api_and_an_unmigrated_store(
    tmp_path: Path, migrated_data_dir: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run(
            [sys.executable, "-m", "gongkai.cli", "serve-flows", "--port", str(port)],
            env=_env(migrated_data_dir),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert busy.returncode == 2, busy.stdout + busy.stderr
    assert f"127.0.0.1:{port} is in use" in busy.stderr
    assert not (migrated_data_dir / "prefect" / SERVER_PID_FILE).exists()

    nowhere = f"http://127.0.0.1:{_free_port()}/api"
    unreachable = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "serve-flows"],
        env=_env(migrated_data_dir, PREFECT_API_URL=nowhere),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert unreachable.returncode == 2, unreachable.stdout + unreachable.stderr
    assert f"PREFECT_API_URL={nowhere}" in unreachable.stderr
    assert not (migrated_data_dir / "prefect" / "prefect.db").exists()  # no server of its own

    empty = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "serve-flows", "--port", str(_free_port())],
        env=_env(tmp_path / "empty"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert empty.returncode == 2, empty.stdout + empty.stderr
    assert "gongkai db upgrade" in empty.stderr
