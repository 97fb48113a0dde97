"""The flows as Prefect deployments with cron schedules (``gongkai serve-flows``).

Six deployments, all named ``gongkai``: ``pipeline/gongkai`` (the whole pass, every 15
minutes by default), ``ingest/gongkai``, ``redact-pass/gongkai`` and
``review-batches/gongkai`` (each step alone; no schedule by default: started from the UI or
with ``prefect deployment run``), ``publication/gongkai`` (the publication pass: collect
reports, withdraw, re-check the channel rules, expire, publish; hourly by default, as
withdrawals are due within three days and the rules are re-checked daily) and
``snapshot/gongkai`` (the channels' full snapshots, daily). Schedules are settings
(``GONGKAI_SCHEDULE_*``, see :mod:`gongkai.flows.settings`). Flow runs are started by the
serving process, in subprocesses that import the flows by module path
(``gongkai.flows.pipeline.run_pipeline``).

Schedules need a real Prefect API: ``PREFECT_API_URL``, or a server started here on
127.0.0.1 (:class:`LocalPrefectServer`, home ``PREFECT_HOME``, i.e. ``<data dir>/prefect``).

Nothing here imports Prefect at module level: the server is started, and ``PREFECT_API_URL``
set, before Prefect reads its settings.
"""

from __future__ import annotations

import importlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from gongkai.flows.settings import ServeSettings

DEPLOYMENT_NAME = "gongkai"
TAGS = ["gongkai"]
SERVER_HOST = "127.0.0.1"
SERVER_PID_FILE = "gongkai-server.pid"
SERVER_LOG_FILE = "server.log"

# key of the schedule setting (GONGKAI_SCHEDULE_<KEY>) → the flow, as "module:attribute"
FLOWS: dict[str, str] = {
    "pipeline": "gongkai.flows.pipeline:run_pipeline",
    "ingest": "gongkai.flows.ingest:ingest",
    "redact": "gongkai.flows.pipeline:redact_pass",
    "batch": "gongkai.flows.batch:make_review_batches",
    "publication": "gongkai.flows.publish:publication_pass",
    "snapshot": "gongkai.flows.publish:write_snapshots",
}


@dataclass(frozen=True)
class DeploymentSpec:
    key: str
    flow: str  # "module:attribute"
    cron: str | None  # None: no schedule, runs only when started


def deployment_specs(settings: ServeSettings) -> list[DeploymentSpec]:
    """What :func:`build_deployments` makes, without importing Prefect."""
    return [DeploymentSpec(key, FLOWS[key], settings.schedules.get(key)) for key in FLOWS]


def load_flow(target: str) -> Any:
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


def build_deployments(settings: ServeSettings) -> list[Any]:
    """Prefect ``RunnerDeployment`` objects for :func:`deployment_specs`: module-path
    entrypoints, one cron schedule each (or none), at most one run of each at a time."""
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    deployments = []
    for spec in deployment_specs(settings):
        flow = load_flow(spec.flow)
        schedules = [Cron(spec.cron, timezone=settings.timezone)] if spec.cron else []
        deployments.append(
            flow.to_deployment(
                name=DEPLOYMENT_NAME,
                schedules=schedules,
                concurrency_limit=1,  # a pass still running when the next one is due: it waits
                tags=TAGS,
                entrypoint_type=EntrypointType.MODULE_PATH,
            )
        )
    return deployments


def serve(deployments: list[Any]) -> None:
    """Register the deployments with the API and run their scheduled and requested flow runs
    until interrupted (Ctrl-C, SIGTERM); schedules are paused on the way out."""
    from prefect import serve as prefect_serve

    prefect_serve(*deployments, print_starting_message=False)


# --- a Prefect server of our own ----------------------------------------------------------------


class ServerDidNotStart(RuntimeError):
    """The Prefect server could not be started (port taken, crashed, too slow)."""


def api_is_healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Whether the Prefect API at ``api_url`` answers its health check (no proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def port_is_free(port: int, host: str = SERVER_HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class LocalPrefectServer:
    """``prefect server start --host 127.0.0.1 --port PORT`` as a child process (in its own
    process group, so a Ctrl-C reaches the serving process first), with its home (SQLite
    database) in ``home``, analytics off, its output in ``<home>/server.log``.

    :meth:`start` returns at once (the API URL is known before the server answers); then
    :meth:`wait_until_healthy`; :meth:`stop` ends it (SIGTERM to its group, then SIGKILL).
    """

    def __init__(self, home: Path, port: int, *, ui: bool = True) -> None:
        self.home = Path(home).absolute()
        self.port = port
        self.ui = ui
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{SERVER_HOST}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    @property
    def log_path(self) -> Path:
        return self.home / SERVER_LOG_FILE

    @property
    def pid_path(self) -> Path:
        return self.home / SERVER_PID_FILE

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        env.update(
            {
                "PREFECT_HOME": str(self.home),
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "DO_NOT_TRACK": "1",
                "PREFECT_SERVER_UI_ENABLED": "true" if self.ui else "false",
            }
        )
        return env

    def start(self) -> None:
        if not port_is_free(self.port):
            earlier = ""
            if self.pid_path.is_file():  # left by a serve-flows that did not stop cleanly
                pid = self.pid_path.read_text(encoding="utf-8").strip()
                earlier = f" (a server started earlier may still run: pid {pid}, {self.pid_path})"
            raise ServerDidNotStart(
                f"port {SERVER_HOST}:{self.port} is in use{earlier}: choose another with --port"
                " (GONGKAI_PREFECT_PORT), or set PREFECT_API_URL to use a running server"
            )
        self.home.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        command = [sys.executable, "-m", "prefect", "server", "start"]
        command += ["--host", SERVER_HOST, "--port", str(self.port)]
        self.process = subprocess.Popen(
            command,
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.pid_path.write_text(f"{self.process.pid}\n", encoding="utf-8")

    def wait_until_healthy(self, timeout: float = 120.0) -> float:
        """Wait for ``/api/health``; return the seconds waited. Raises
        :class:`ServerDidNotStart` (with the end of its log) if it exits or is too slow."""
        if self.process is None:
            raise ServerDidNotStart("the server was not started")
        started = time.monotonic()
        while True:
            if self.process.poll() is not None:
                raise ServerDidNotStart(
                    f"the Prefect server exited with code {self.process.returncode}:\n"
                    + self.log_tail()
                )
            if api_is_healthy(self.api_url, timeout=1.0):
                return time.monotonic() - started
            if time.monotonic() - started > timeout:
                self.stop()
                raise ServerDidNotStart(
                    f"the Prefect server did not answer within {timeout:.0f} s:\n" + self.log_tail()
                )
            time.sleep(0.25)

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text("utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 15.0) -> None:
        process = self.process
        if process is None:
            return
        try:
            if process.poll() is None:
                self._signal_group(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    self._signal_group(process.pid, signal.SIGKILL)
                    process.wait(timeout=timeout)
        finally:
            self.process = None
            if self._log is not None:
                self._log.close()
                self._log = None
            self.pid_path.unlink(missing_ok=True)

    @staticmethod
    def _signal_group(pid: int, sig: signal.Signals) -> None:
        # The server was started as the leader of its own process group: its group id is
        # its pid, and the group holds the server and whatever it started.
        with suppress(ProcessLookupError):
            os.killpg(pid, sig)

    def __enter__(self) -> LocalPrefectServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


@contextmanager
def sigterm_as_keyboard_interrupt() -> Iterator[None]:
    """Until Prefect's runner installs its own graceful SIGTERM handler, a SIGTERM unwinds
    like Ctrl-C (so that the server we started is stopped, not orphaned)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
