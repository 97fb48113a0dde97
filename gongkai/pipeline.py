"""Plain entry points to the pipeline flows, for the command line and scripts.

Nothing Prefect is imported until a pass runs, so the data directory given here decides where
Prefect keeps its home (``<data dir>/prefect``) unless ``PREFECT_HOME`` is set.

Also here: what ``gongkai demo`` needs around a pass (demo files in the drop folder, the
store's results as a ``gongkai redact``-style file for ``gongkai eval``), and a read-only
progress probe of a running pass.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

# The demo's decisions are recent (fixed dates, so a re-run writes the same bytes): within the
# default three-year publicity period, so the public site of the demo has something to show.
DEMO_PERIOD = (dt.date(2024, 7, 1), dt.date(2026, 10, 31))
DEMO_DIR_NAME = "demo"  # <data dir>/demo: the gold file and the exported results, never ingested


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


@dataclass(frozen=True)
class PassProgress:
    """How far a running pass is: export lines ingested of those in files not yet ingested
    when it started, and versions redacted of those pending (which grows while ingest runs)."""

    lines_total: int
    lines_done: int
    redact_total: int
    redact_done: int


ProgressCallback = Callable[[PassProgress], None]


def run_pass(
    export_dir: Path | None = None,
    data_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    progress_interval: float = 0.5,
) -> dict[str, int]:
    """One ingest → redact → batch pass over ``export_dir`` (default: the configured drop
    folder, ``GONGKAI_EXPORT_DIR`` or ``<data dir>/export``); return the counts, keyed by
    :data:`SUMMARY_KEYS`.

    ``progress``, when given, is called from another thread every ``progress_interval``
    seconds while the pass runs, and once at the end, with a :class:`PassProgress` read from
    the store."""
    prepare(data_dir)
    from gongkai.flows.pipeline import run_pipeline
    from gongkai.flows.settings import load_settings, local_run_settings

    folder = Path(export_dir) if export_dir is not None else load_settings().export_dir
    with local_run_settings(), _reporting(progress, folder, progress_interval):
        return run_pipeline(export_dir)


@contextmanager
def _reporting(
    progress: ProgressCallback | None, export_dir: Path, interval: float
) -> Iterator[None]:
    if progress is None:
        yield
        return
    probe = ProgressProbe(export_dir)
    stop = threading.Event()

    def report() -> None:
        while not stop.wait(interval):
            if (reading := probe.read()) is not None:
                progress(reading)

    watcher = threading.Thread(target=report, name="gongkai-progress", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()
        if (reading := probe.read()) is not None:
            progress(reading)
        probe.close()


class ProgressProbe:
    """Reads, on a connection of its own, how far a pass over ``export_dir`` has come.

    Lines: rows the ingest wrote (versions and quarantine entries) since the probe was made,
    plus the unchanged lines of files finished since, at most the lines of the files that
    were new then. Redaction: results stored since, of those plus what is still pending.
    """

    def __init__(self, export_dir: Path) -> None:
        from gongkai.flows.ingest import export_files, file_key, sha256_of
        from gongkai.store import file_already_ingested, make_engine, make_sessionmaker

        self._engine = make_engine(sqlite_immediate=False)
        self._sessions = make_sessionmaker(self._engine)
        files = export_files(export_dir) if export_dir.is_dir() else []
        with self._sessions() as session:
            self._new_files = {
                file_key(path): path
                for path in files
                if not file_already_ingested(session, file_key(path), sha256_of(path)[0])
            }
            self._base = self._counts(session)
        self.lines_total = sum(_count_lines(path) for path in self._new_files.values())

    def _counts(self, session: Any) -> tuple[int, int, int]:
        from sqlalchemy import func, select

        from gongkai.store import QuarantineEntry, RecordVersion, RedactionRecord

        return (
            session.scalar(select(func.count(RecordVersion.id))) or 0,
            session.scalar(select(func.count(QuarantineEntry.id))) or 0,
            session.scalar(select(func.count(RedactionRecord.id))) or 0,
        )

    def read(self) -> PassProgress | None:
        """The progress now; ``None`` if the store could not be read this time."""
        from sqlalchemy import select
        from sqlalchemy.exc import OperationalError

        from gongkai.flows._common import count_pending_versions
        from gongkai.store import ExportFile, FileStatus

        try:
            with self._sessions() as session:
                versions, quarantined, redactions = self._counts(session)
                pending = count_pending_versions(session)
                unchanged = 0
                if self._new_files:
                    unchanged = sum(
                        session.scalars(
                            select(ExportFile.lines_unchanged).where(
                                ExportFile.path.in_(list(self._new_files)),
                                ExportFile.status == FileStatus.DONE.value,
                            )
                        )
                    )
        except OperationalError:
            return None
        base_versions, base_quarantined, base_redactions = self._base
        written = versions - base_versions + quarantined - base_quarantined + unchanged
        redacted = max(0, redactions - base_redactions)
        return PassProgress(
            lines_total=self.lines_total,
            lines_done=min(self.lines_total, max(0, written)),
            redact_total=redacted + pending,
            redact_done=redacted,
        )

    def close(self) -> None:
        self._engine.dispose()


def _count_lines(path: Path) -> int:
    """Non-blank lines, as the ingest counts them."""
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


# --- the demo ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoFiles:
    exports: list[Path]  # the demo's export files in the drop folder
    rewritten: list[Path]  # those written this time (the others were there, identical)
    gold: Path  # the answer key, outside the drop folder


def write_demo_export(data_dir: Path, export_dir: Path, n: int, seed: int = 1) -> DemoFiles:
    """Synthetic decisions (:func:`gongkai.synthetic.write_demo_data`) into the drop folder
    ``export_dir``, the gold file into ``<data dir>/demo/``.

    Safe to repeat: the same ``n`` and ``seed`` give the same bytes, and a file already there
    with the same content is left alone (the next ingest skips it). A file is put in place
    whole (written beside it under a name the ingest ignores, then renamed), so a pass
    running meanwhile never reads half of it.
    """
    from gongkai.synthetic import write_demo_data

    demo_dir = data_dir / DEMO_DIR_NAME
    demo_dir.mkdir(parents=True, exist_ok=True)
    export_dir.mkdir(parents=True, exist_ok=True)
    exports: list[Path] = []
    rewritten: list[Path] = []
    with tempfile.TemporaryDirectory(dir=demo_dir, prefix=".scratch-") as scratch:
        paths, gold = write_demo_data(n, Path(scratch), seed, period=DEMO_PERIOD)
        gold_target = demo_dir / gold.name
        shutil.move(gold, gold_target)
        for path in paths:
            target = export_dir / path.name
            exports.append(target)
            if target.is_file() and target.read_bytes() == path.read_bytes():
                continue
            partial = export_dir / f".{path.name}.partial"
            shutil.copyfile(path, partial)
            os.replace(partial, target)
            rewritten.append(target)
    return DemoFiles(exports, rewritten, gold_target)


def stored_results(source_ids: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The store's redaction results of these decisions' current versions, in the shape
    ``gongkai redact`` writes (what ``gongkai eval`` reads). Decisions not redacted yet are
    left out."""
    from sqlalchemy import select

    from gongkai.store import Decision, RedactionRecord, make_engine, make_sessionmaker

    wanted = set(source_ids)
    engine = make_engine(sqlite_immediate=False)
    try:
        with make_sessionmaker(engine)() as session:
            rows = session.execute(
                select(Decision.source_id, RedactionRecord)
                .join(
                    RedactionRecord,
                    RedactionRecord.record_version_id == Decision.current_version_id,
                )
                .order_by(Decision.id)
            )
            for source_id, result in rows:
                if source_id not in wanted:
                    continue
                details = list(result.withhold_details or [])
                reasons = [str(d.get("reason")) for d in details if d.get("reason")]
                if not reasons and result.withhold_reason:
                    reasons = [result.withhold_reason]
                yield {
                    "source_id": source_id,
                    "publishable": result.publishable,
                    "withhold_reason": result.withhold_reason,
                    "withhold_reasons": reasons,
                    "withhold_details": details,
                    "redacted_text": result.redacted_text,
                    "spans": list(result.spans or []),
                    "doubts": list(result.doubts or []),
                }
    finally:
        engine.dispose()


def export_results(gold: Path, output: Path) -> int:
    """Write the stored results of the decisions in the gold file to ``output`` (JSONL);
    return how many."""
    with gold.open(encoding="utf-8") as handle:
        ids = [json.loads(line)["source_id"] for line in handle if line.strip()]
    count = 0
    with output.open("w", encoding="utf-8") as out:
        for row in stored_results(ids):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
