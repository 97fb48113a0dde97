"""One pass of the pipeline: ingest → redact → review batches.

Runs as a plain call or script (``python -m gongkai.flows.pipeline [EXPORT_DIR]``): with no
Prefect server configured, Prefect starts a temporary one (home under the data directory).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from prefect import flow

from gongkai.flows.batch import make_review_batches
from gongkai.flows.ingest import ingest
from gongkai.flows.redact import configured_redact_flow
from gongkai.flows.settings import load_settings, local_run_settings

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


@flow(name="pipeline")
def run_pipeline(export_dir: Path | None = None) -> dict[str, int]:
    """Ingest the new export files, redact what is pending, batch what is redacted; return
    the counts (keys: :data:`SUMMARY_KEYS`)."""
    settings = load_settings()
    ingested = ingest(export_dir)
    redacted = configured_redact_flow(settings)(settings.chunk_size)
    batched = make_review_batches(settings.batch_size, settings.publish_working_days)
    return {
        "files": ingested.files,
        "lines_read": ingested.lines_read,
        "new": ingested.new,
        "unchanged": ingested.unchanged,
        "superseding": ingested.superseding,
        "quarantined": ingested.quarantined,
        "redacted": redacted.redacted,
        "withheld": redacted.withheld,
        "batched": batched.batched,
    }


@flow(name="redact-pass")
def redact_pass(chunk_size: int | None = None) -> dict[str, int]:
    """Redact every pending version with the configured task runner (``GONGKAI_TASK_RUNNER``),
    as :func:`run_pipeline` does: the redact flow as a subflow. The deployment of the redact
    step alone (``gongkai serve-flows``)."""
    settings = load_settings()
    return configured_redact_flow(settings)(chunk_size or settings.chunk_size).as_dict()


if __name__ == "__main__":  # pragma: no cover - script entry
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    with local_run_settings():
        print(json.dumps(run_pipeline(folder), ensure_ascii=False))
