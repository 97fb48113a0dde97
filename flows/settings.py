"""Settings of the pipeline flows, read from the environment.

Nothing here imports Prefect: :func:`configure_prefect` must be able to run *before* Prefect is
imported (Prefect reads its settings once, at import).

| variable | default | meaning |
| --- | --- | --- |
| `GONGKAI_DATA_DIR` | `./data` | data directory (SQLite store, `prefect/` home) |
| `GONGKAI_EXPORT_DIR` | `<data dir>/export` | the export drop folder that ingest reads |
| `GONGKAI_DATABASE_URL` | SQLite file in the data dir | the store (see `docs/store.md`) |
| `GONGKAI_CHUNK_SIZE` | 200 | records per redact task (and per ingest transaction) |
| `GONGKAI_BATCH_SIZE` | 50 | decisions per review batch |
| `GONGKAI_PUBLISH_WORKING_DAYS` | 7 | publication deadline, in working days after the decision |
| `GONGKAI_TASK_RUNNER` | `threads` | redact task runner: `threads`, `processes` or `dask` |
| `GONGKAI_TASK_WORKERS` | CPU count | redaction processes (`threads`: a pool, fed by 2 × threads) |
| `GONGKAI_DASK_ADDRESS` | unset | scheduler of an existing Dask cluster (`tcp://host:8786`) |

Schedules of ``gongkai serve-flows`` (:class:`ServeSettings`): a cron string (five fields), or
``off`` (also empty): no schedule, the deployment runs when started by hand (UI, ``prefect
deployment run``).

| variable | default | meaning |
| --- | --- | --- |
| `GONGKAI_SCHEDULE_PIPELINE` | `*/15 * * * *` | the whole pass: ingest → redact → batch |
| `GONGKAI_SCHEDULE_INGEST` | off | the ingest flow alone |
| `GONGKAI_SCHEDULE_REDACT` | off | the redact flow alone |
| `GONGKAI_SCHEDULE_BATCH` | off | the review-batch flow alone |
| `GONGKAI_SCHEDULE_PUBLICATION` | `10 * * * *` | the publication pass (`flows/publish.py`) |
| `GONGKAI_SCHEDULE_SNAPSHOT` | `30 2 * * *` | the channels' daily full snapshots |
| `GONGKAI_SCHEDULE_TIMEZONE` | `Asia/Shanghai` | time zone of the cron strings |
| `GONGKAI_PREFECT_PORT` | 4200 | port of the Prefect server that serve-flows starts on 127.0.0.1 |

Publication (the flows of ``flows/publish.py``) is configured by
:class:`gongkai.publication.rules.PublicationSettings`: channel rules, publicity periods and
channel openings.

| variable | default | meaning |
| --- | --- | --- |
| `GONGKAI_PILOT_DATABASE_URL` | `<data dir>/channel-pilot.sqlite` | the pilot channel's store |
| `GONGKAI_PUBLIC_DATABASE_URL` | `<data dir>/channel-public.sqlite` | the public channel's store |
| `GONGKAI_PUBLICATION_FILE` | unset | TOML: extra `[[rule]]`s, `[[opening]]`s, periods |
| `GONGKAI_PILOT_SHOWS_SEALED` | `false` | may the pilot still show sealed 治安 decisions |
| `GONGKAI_PUBLICITY_MONTHS` | `36` | publicity period per penalty type: `警告=6,*=36` |
| `GONGKAI_<CHANNEL>_BASE_URL` | unset | the site's address, for the snapshot's `url` column |

The snapshot flow writes ``<data dir>/snapshots/<channel>/``: where ``gongkai serve-public``
serves it from by default.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from gongkai.store.db import DATA_DIR_ENV

EXPORT_DIR_ENV = "GONGKAI_EXPORT_DIR"
CHUNK_SIZE_ENV = "GONGKAI_CHUNK_SIZE"
BATCH_SIZE_ENV = "GONGKAI_BATCH_SIZE"
WORKING_DAYS_ENV = "GONGKAI_PUBLISH_WORKING_DAYS"
TASK_RUNNER_ENV = "GONGKAI_TASK_RUNNER"
TASK_WORKERS_ENV = "GONGKAI_TASK_WORKERS"
DASK_ADDRESS_ENV = "GONGKAI_DASK_ADDRESS"
SCHEDULE_ENV_PREFIX = "GONGKAI_SCHEDULE_"
SCHEDULE_TIMEZONE_ENV = "GONGKAI_SCHEDULE_TIMEZONE"
PREFECT_PORT_ENV = "GONGKAI_PREFECT_PORT"
BASE_URL_ENV = "GONGKAI_{channel}_BASE_URL"

TASK_RUNNERS = ("threads", "processes", "dask")


class SettingsError(ValueError):
    """A setting with a value the pipeline cannot use."""


@dataclass(frozen=True)
class FlowSettings:
    data_dir: Path
    export_dir: Path
    chunk_size: int = 200
    batch_size: int = 50
    publish_working_days: int = 7
    task_runner: str = "threads"
    task_workers: int = 2
    dask_address: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> FlowSettings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get(DATA_DIR_ENV) or "data")
        export_dir = Path(env.get(EXPORT_DIR_ENV) or data_dir / "export")
        runner = (env.get(TASK_RUNNER_ENV) or "threads").strip().lower()
        if runner not in TASK_RUNNERS:
            raise SettingsError(
                f"{TASK_RUNNER_ENV}={runner!r}: expected one of {', '.join(TASK_RUNNERS)}"
            )
        return cls(
            data_dir=data_dir,
            export_dir=export_dir,
            chunk_size=_positive_int(env, CHUNK_SIZE_ENV, 200),
            batch_size=_positive_int(env, BATCH_SIZE_ENV, 50),
            publish_working_days=_positive_int(env, WORKING_DAYS_ENV, 7, minimum=0),
            task_runner=runner,
            task_workers=_positive_int(env, TASK_WORKERS_ENV, os.cpu_count() or 2),
            dask_address=env.get(DASK_ADDRESS_ENV) or None,
        )


def _positive_int(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise SettingsError(f"{name}={raw!r}: must be at least {minimum}")
    return value


def load_settings() -> FlowSettings:
    return FlowSettings.from_env()


# What serve-flows deploys, by key: the key names the schedule variable (GONGKAI_SCHEDULE_<KEY>).
DEFAULT_SCHEDULES: dict[str, str | None] = {
    "pipeline": "*/15 * * * *",
    "ingest": None,
    "redact": None,
    "batch": None,
    # Hourly, at ten past (out of the pipeline's quarter hours): withdrawals are due within
    # three days and the rules are re-checked at every pass, so at least daily with margin.
    "publication": "10 * * * *",
    "snapshot": "30 2 * * *",  # daily, after the 02:10 publication pass
}
_NO_SCHEDULE = {"", "off", "none", "no", "false", "0", "-"}


@dataclass(frozen=True)
class ServeSettings:
    """Settings of ``gongkai serve-flows``: a cron string (or ``None``: no schedule) per
    deployment key of :data:`DEFAULT_SCHEDULES`, their time zone, and the port of the Prefect
    server started when ``PREFECT_API_URL`` is not set."""

    schedules: Mapping[str, str | None]
    timezone: str = "Asia/Shanghai"
    prefect_port: int = 4200

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServeSettings:
        env = os.environ if environ is None else environ
        schedules: dict[str, str | None] = {}
        for key, default in DEFAULT_SCHEDULES.items():
            name = f"{SCHEDULE_ENV_PREFIX}{key.upper()}"
            raw = env.get(name)
            schedules[key] = default if raw is None else _cron(name, raw)
        timezone = (env.get(SCHEDULE_TIMEZONE_ENV) or "Asia/Shanghai").strip()
        try:
            ZoneInfo(timezone)
        except (ValueError, KeyError, OSError):
            raise SettingsError(
                f"{SCHEDULE_TIMEZONE_ENV}={timezone!r}: not a known time zone"
            ) from None
        port = _positive_int(env, PREFECT_PORT_ENV, 4200)
        if port > 65535:
            raise SettingsError(f"{PREFECT_PORT_ENV}={port}: not a port number")
        return cls(schedules=schedules, timezone=timezone, prefect_port=port)


def _cron(name: str, raw: str) -> str | None:
    """A schedule variable's cron string (``None``: off). Only the shape is checked here
    (five fields); Prefect checks the fields themselves when the deployment is made."""
    value = " ".join(raw.split())
    if value.lower() in _NO_SCHEDULE:
        return None
    if len(value.split(" ")) != 5:
        raise SettingsError(
            f"{name}={raw!r}: expected a cron string of five fields (minute hour day month"
            " weekday), e.g. '*/15 * * * *', or 'off'"
        )
    return value


def load_serve_settings() -> ServeSettings:
    return ServeSettings.from_env()


def snapshot_dir(channel: str, environ: Mapping[str, str] | None = None) -> Path:
    """Where the snapshot flow writes a channel's snapshot: ``<data dir>/snapshots/<channel>``
    (the public site's default snapshot folder)."""
    env = os.environ if environ is None else environ
    return Path(env.get(DATA_DIR_ENV) or "data") / "snapshots" / channel


def snapshot_base_url(channel: str, environ: Mapping[str, str] | None = None) -> str | None:
    """``GONGKAI_<CHANNEL>_BASE_URL``: the channel site's address, for the snapshot's ``url``
    column (``None``: the column stays empty)."""
    env = os.environ if environ is None else environ
    return (env.get(BASE_URL_ENV.format(channel=channel.upper())) or "").strip() or None


def prefect_defaults(data_dir: Path) -> dict[str, str]:
    """Environment for Prefect's self-contained mode: a temporary server on loopback (no
    server set up beforehand), its home under the data directory, quiet and offline."""
    return {
        "PREFECT_HOME": str((data_dir / "prefect").absolute()),
        "PREFECT_SERVER_EPHEMERAL_ENABLED": "true",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }


def configure_prefect(
    data_dir: Path | None = None, environ: MutableMapping[str, str] | None = None
) -> dict[str, str]:
    """Set the Prefect variables of :func:`prefect_defaults` that are not set already (a
    configured ``PREFECT_API_URL``, home or log level always wins); return what was set.

    Call it before Prefect is imported (``gongkai.flows`` does on import). Called later, it
    refreshes Prefect's global settings, but the log level then stays as it was.
    """
    env = os.environ if environ is None else environ
    if data_dir is None:
        data_dir = Path(env.get(DATA_DIR_ENV) or "data")
    added = {k: v for k, v in prefect_defaults(data_dir).items() if k not in env}
    env.update(added)
    if "PREFECT_HOME" in added:
        # Prefect creates its home at import, but not the folders above it.
        Path(added["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    if added and environ is None and "prefect.context" in sys.modules:
        from prefect.context import refresh_global_settings_context

        refresh_global_settings_context()
    return added


@contextmanager
def local_run_settings() -> Iterator[None]:
    """Around flow calls of one process: with no Prefect API configured (the temporary local
    server), flow runs send no heartbeats. Nothing would watch them, and Prefect 3.9 waits for
    the heartbeat thread for about a second at the end of every flow run."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    if PREFECT_API_URL.value():
        yield
        return
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
