"""Helpers of the flow tests: fresh stores, the flows' settings, a messy export, and a
snapshot of a store's content for comparing outcomes."""

from __future__ import annotations

import copy
import itertools
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from gongkai.flows import _common
from gongkai.store import (
    AuditEntry,
    Decision,
    ExportFile,
    QuarantineEntry,
    RecordVersion,
    RedactionRecord,
    ReviewBatch,
    make_engine,
    make_sessionmaker,
)
from gongkai.store.migrate import upgrade
from gongkai.synthetic import write_demo_data

AGENCIES = ("甲市公安局东城分局", "甲市公安局西城分局", "乙县公安局")


class Stores:
    """Fresh, migrated stores: SQLite files in a temporary folder, or new databases on the
    store tests' PostgreSQL server (dropped when the requesting test or fixture ends)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names = (f"gongkai_flows_{os.getpid()}_{n}" for n in itertools.count())

    def create(self, backend: str, request: pytest.FixtureRequest) -> URL:
        """A new store; ``request`` (the caller's) brings up PostgreSQL when needed."""
        name = next(self.names)
        if backend == "sqlite":
            url = URL.create("sqlite", database=str(self.folder / f"{name}.sqlite"))
        else:
            admin_url: URL = request.getfixturevalue("postgres_admin_url")
            self._execute(admin_url, f'CREATE DATABASE "{name}" TEMPLATE template0')
            request.addfinalizer(lambda: self._drop(admin_url, name))
            url = admin_url.set(database=name)
        upgrade(url)
        return url

    def _drop(self, admin_url: URL, name: str) -> None:
        _common.dispose_engines()
        self._execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @staticmethod
    def _execute(admin_url: URL, sql: str) -> None:
        admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(sql))
        finally:
            admin.dispose()


def store_env(url: URL, data_dir: Path) -> dict[str, str]:
    """The flows' settings for a test: that store, small chunks (10) and batches (4)."""
    return {
        "GONGKAI_DATABASE_URL": url.render_as_string(hide_password=False),
        "GONGKAI_DATA_DIR": str(data_dir),
        "GONGKAI_CHUNK_SIZE": "10",
        "GONGKAI_BATCH_SIZE": "4",
        "GONGKAI_PUBLISH_WORKING_DAYS": "7",
        "GONGKAI_TASK_RUNNER": "threads",
        "GONGKAI_TASK_WORKERS": "2",
    }


# --- a messy export ---------------------------------------------------------------------------


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_messy_export(folder: Path, seed: int = 11) -> dict[str, Any]:
    """Two export files of 40 synthetic decisions (three agencies) and every kind of trouble;
    returns what a correct ingest must count.

    export-0001.jsonl: 20 records, a duplicate line, invalid JSON, a missing field, a bad
    date and a blank line. export-0002.jsonl: 20 more records, a new version of record 3
    (superseding), record 5 revoked (superseding, withdrawal), a truncated last line.
    Also gold.jsonl and notes.txt, which are not exports.
    """
    scratch = folder.parent / f"{folder.name}-synthetic"
    paths, _gold = write_demo_data(40, scratch, seed=seed, files=1)
    records = [json.loads(line) for line in paths[0].read_text(encoding="utf-8").splitlines()]
    shutil.rmtree(scratch)
    for n, record in enumerate(records):
        record["agency"] = AGENCIES[n % len(AGENCIES)]
        record["status"] = "effective"
    first, second = records[:20], records[20:]

    missing = copy.deepcopy(first[0])
    missing["source_id"] = "bad-missing"
    del missing["legal_basis"]
    bad_date = copy.deepcopy(first[1])
    bad_date["source_id"] = "bad-date"
    bad_date["decision_date"] = "2024-02-30"
    file1 = [_line(r) for r in first]
    file1.insert(5, file1[2])  # duplicate of line 3
    file1 += [
        '{"source_id": "bad-json", "agency": \n',
        _line(missing),
        "\n",
        _line(bad_date),
    ]

    changed = copy.deepcopy(first[3])
    changed["full_text"] = changed["full_text"] + "\n（更正：补充说明。）"
    revoked = copy.deepcopy(first[5])
    revoked["status"] = "revoked"
    revoked["status_reason"] = "经复议撤销"
    truncated = _line(second[0])[:80]  # cut mid-record, no newline
    file2 = [_line(r) for r in second] + [_line(changed), _line(revoked), truncated]

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "export-0001.jsonl").write_text("".join(file1), encoding="utf-8")
    (folder / "export-0002.jsonl").write_text("".join(file2), encoding="utf-8")
    (folder / "gold.jsonl").write_text(_line({"source_id": "gold"}), encoding="utf-8")
    (folder / "notes.txt").write_text("not an export\n", encoding="utf-8")
    return {
        "counts": {
            "files": 2,
            "lines_read": 24 + 23,
            "new": 40,
            "unchanged": 1,
            "superseding": 2,
            "quarantined": 4,
        },
        "records": records,
        "changed": changed["source_id"],
        "revoked": revoked["source_id"],
        "quarantined": {
            ("export-0001.jsonl", 22, None),
            ("export-0001.jsonl", 23, "legal_basis"),
            ("export-0001.jsonl", 25, "decision_date"),
            ("export-0002.jsonl", 23, None),
        },
    }


@contextmanager
def rows(url: URL) -> Iterator[Session]:
    """A session on ``url`` for reading, its engine closed afterwards."""
    engine = make_engine(url, sqlite_immediate=False)
    try:
        with make_sessionmaker(engine)() as session:
            yield session
    finally:
        engine.dispose()


def snapshot(url: URL) -> dict[str, Any]:
    """The store's content without ids, run ids or times: equal for equal outcomes."""
    with rows(url) as s:
        versions = {v.id: v for v in s.scalars(select(RecordVersion))}
        batches = {b.id: b for b in s.scalars(select(ReviewBatch))}
        decisions = {}
        members: dict[int, list[str]] = {}
        for d in s.scalars(select(Decision)):
            current = versions[d.current_version_id] if d.current_version_id else None
            decisions[d.source_id] = (
                d.state,
                current.version if current else None,
                d.withdrawal_status,
                d.due_date,
            )
            if d.batch_id is not None:
                members.setdefault(d.batch_id, []).append(d.source_id)
        redactions = {
            (versions[r.record_version_id].source_id, versions[r.record_version_id].version): (
                r.publishable,
                r.withhold_reason,
                r.redacted_text,
            )
            for r in s.scalars(select(RedactionRecord))
        }
        audit = Counter(
            (a.subject_type, a.subject_id, a.action, a.from_state, a.to_state)
            for a in s.scalars(select(AuditEntry))
            if a.subject_type != "review_batch"  # batch ids differ between stores
        )
        return {
            "decisions": decisions,
            "versions": sorted(
                (v.source_id, v.version, v.is_current, Path(v.file_path).name, v.line_no)
                for v in versions.values()
            ),
            "redactions": redactions,
            "batches": sorted(
                (b.agency, b.due_date, b.state, tuple(sorted(members.get(b.id, []))))
                for b in batches.values()
            ),
            "quarantine": sorted(
                (Path(q.file_path).name, q.line_no, q.field or "")
                for q in s.scalars(select(QuarantineEntry))
            ),
            "files": sorted(
                (
                    Path(f.path).name,
                    f.status,
                    f.lines_read,
                    f.lines_new,
                    f.lines_unchanged,
                    f.lines_superseding,
                    f.lines_quarantined,
                )
                for f in s.scalars(select(ExportFile))
            ),
            "audit": audit,
        }
