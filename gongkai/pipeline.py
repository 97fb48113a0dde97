"""Plain entry points to the pipeline flows, for the command line and scripts.

Nothing Prefect is imported until a pass runs, so the data directory given here decides where
Prefect keeps its home (``<data dir>/prefect``) unless ``PREFECT_HOME`` is set.
"""

from __future__ import annotations

import os
from pathlib import Path

from gongkai.store.db import DATA_DIR_ENV

SUMMARY_KEYS = (
    "files",
    "lines_read",
    "new",
    "unchanged",
    "superseding",
    "quarantined",
    "redacted",
    "withheld",
    "batched",
)


def prepare(data_dir: Path | None = None) -> None:
    """Point the pipeline at ``data_dir`` (``GONGKAI_DATA_DIR``), set Prefect's offline
    defaults and refuse an out-of-date store schema (``SchemaOutOfDate``: run
    ``gongkai db upgrade``)."""
    if data_dir is not None:
        os.environ[DATA_DIR_ENV] = str(data_dir)
    from gongkai.flows.settings import configure_prefect
    from gongkai.store import make_engine, require_current_schema

    configure_prefect()
    engine = make_engine()
    try:
        require_current_schema(engine)
    finally:
        engine.dispose()


def run_pass(export_dir: Path | None = None, data_dir: Path | None = None) -> dict[str, int]:
    """One ingest → redact → batch pass over ``export_dir`` (default: the configured drop
    folder, ``GONGKAI_EXPORT_DIR`` or ``<data dir>/export``); return the counts, keyed by
    :data:`SUMMARY_KEYS`."""
    prepare(data_dir)
    from gongkai.flows.pipeline import run_pipeline
    from gongkai.flows.settings import local_run_settings

    with local_run_settings():
        return run_pipeline(export_dir)
