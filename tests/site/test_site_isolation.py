"""The public site and its channel store (SQLite): the site's process never loads the internal
store, the redactor, the flows or the review app, and it reads its store without writing to it
(``mode=ro``, no write PRAGMA such as ``journal_mode=WAL``), so a store that is not in WAL mode
or a read-only file is still served."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sitetools import Channel
from sqlalchemy import event
from sqlalchemy.pool import Pool

FORBIDDEN = ("gongkai.store", "gongkai.redaction", "gongkai.flows", "gongkai.web.review")

# Builds the site and serves every kind of page, then lists the gongkai modules loaded.
SITE_PROCESS = """
import json, sys
from fastapi.testclient import TestClient
import gongkai.cli  # `gongkai serve-public` runs under the console entry point
from gongkai.web.site.app import Settings, create_app, dispose

url, snapshots, public_id = sys.argv[1:4]
app = create_app("public", Settings(database_url=url, snapshot_dir=snapshots))
pages = [
    "/", "/?q=超速", "/api/decisions?q=超速", "/decisions.csv?q=超速", "/api/changes",
    "/feed.atom", "/sitemap.xml", "/robots.txt", "/data", "/notices",
    f"/decisions/{public_id}", f"/decisions/{public_id}.csv", f"/api/decisions/{public_id}",
]
with TestClient(app) as client:
    statuses = {page: client.get(page).status_code for page in pages}
dispose(app)
loaded = sorted(name for name in sys.modules if name.startswith("gongkai"))
print(json.dumps({"statuses": statuses, "modules": loaded}))
"""


def test_the_site_process_never_loads_the_internal_store(
    sqlite_channel: Channel, corpus: dict, tmp_path: Path
) -> None:
    sqlite_channel.publish(*corpus.values())
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SITE_PROCESS,
            sqlite_channel.url,
            str(tmp_path / "snapshots"),
            corpus["speed1"].public_id,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert all(status < 500 for status in seen["statuses"].values()), seen["statuses"]
    assert seen["statuses"]["/?q=超速"] == 200
    assert "gongkai.web.site.app" in seen["modules"]
    assert "gongkai.publication.db" in seen["modules"]
    # the console entry point registers the review app's commands (their modules load nothing)
    cli_only = {"gongkai.web.review", "gongkai.web.review.cli"}
    loaded = [m for m in seen["modules"] if m.startswith(FORBIDDEN) and m not in cli_only]
    assert loaded == []


# --- reading without writing ------------------------------------------------------------------

# PRAGMAs that only set something on the connection, or only read (the schema inspection
# SQLAlchemy and Alembic do); any other one given a value may write to the file.
CONNECTION_PRAGMAS = {"busy_timeout", "foreign_keys", "query_only"}
READING_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo"}
READING_PRAGMAS |= {"foreign_key_list", "table_list"}
PRAGMA_SET = re.compile(r"^\s*PRAGMA\s+(?:\w+\.)?(\w+)\s*(?:=|\()", re.IGNORECASE)
WRITES = re.compile(
    r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|VACUUM|REINDEX|ANALYZE|BEGIN\s+IMMEDIATE"
    r"|BEGIN\s+EXCLUSIVE)\b",
    re.IGNORECASE,
)


@contextmanager
def every_sqlite_statement() -> Iterator[list[str]]:
    """Every statement run on SQLite connections opened meanwhile, from their first one on (a
    pool-level listener runs before each engine's own connect listener)."""
    statements: list[str] = []

    def trace(dbapi_connection: Any, _record: Any) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.set_trace_callback(statements.append)

    event.listen(Pool, "connect", trace, insert=True)
    try:
        yield statements
    finally:
        event.remove(Pool, "connect", trace)


def may_write(statement: str) -> bool:
    pragma = PRAGMA_SET.match(statement)
    if pragma:
        return pragma.group(1).lower() not in CONNECTION_PRAGMAS | READING_PRAGMAS
    return bool(WRITES.match(statement))


def writes_in(statements: list[str]) -> list[str]:
    return [statement for statement in statements if may_write(statement)]


@pytest.fixture
def read_only_store(sqlite_channel: Channel, corpus: dict) -> Iterator[Callable[[str], Path]]:
    """``read_only_store(journal_mode)``: the channel store with the corpus published, in that
    journal mode, its file made read-only (0444); the permissions are put back afterwards."""
    sqlite_channel.publish(*corpus.values())
    sqlite_channel.engine.dispose()
    path = Path(sqlite_channel.url.removeprefix("sqlite:///"))

    def make(journal_mode: str) -> Path:
        with sqlite3.connect(path) as connection:
            mode = connection.execute(f"PRAGMA journal_mode={journal_mode}").fetchone()[0]
        assert mode == journal_mode.lower()
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return path

    yield make
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def _search_works(client: TestClient, corpus: dict) -> None:
    page = client.get("/", params={"q": "超速"})
    assert page.status_code == 200, page.text
    assert corpus["speed1"].public_id in page.text
    api = client.get("/api/decisions", params={"q": "酒驾"})
    assert api.status_code == 200
    assert {d["public_id"] for d in api.json()["decisions"]} == {
        corpus["drunk1"].public_id,
        corpus["drunk2"].public_id,
    }


def test_the_site_issues_no_write_pragma_and_serves_a_store_not_in_wal_mode(
    read_only_store: Callable[[str], Path],
    sqlite_channel: Channel,
    make_site: Callable[..., FastAPI],
    corpus: dict,
) -> None:
    # Switching a store to WAL is a write: a read-only connection that tried it would fail
    # on a store in rollback-journal mode ("attempt to write a readonly database").
    path = read_only_store("DELETE")
    with every_sqlite_statement() as statements:
        app = make_site(sqlite_channel)
        with TestClient(app) as client:
            _search_works(client, corpus)
    assert any(s.startswith("SELECT") for s in statements)
    assert writes_in(statements) == []
    assert not any("journal_mode" in s.lower() for s in statements)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # unchanged


def test_the_write_pragma_check_sees_a_writer(sqlite_channel: Channel) -> None:
    """The check above is not blind: the flows' read-write engine does set WAL."""
    from gongkai.publication.db import open_channel

    with every_sqlite_statement() as statements:
        engine = open_channel("public", sqlite_channel.url)
        with engine.connect():
            pass
        engine.dispose()
    assert [s for s in writes_in(statements) if "journal_mode" in s.lower()]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root may write to a 0444 file; the no-write-PRAGMA test covers this case",
)
def test_the_site_serves_a_read_only_file(
    read_only_store: Callable[[str], Path],
    sqlite_channel: Channel,
    make_site: Callable[..., FastAPI],
    corpus: dict,
) -> None:
    path = read_only_store("WAL")  # as the publish flow leaves it
    assert not os.access(path, os.W_OK)
    with TestClient(make_site(sqlite_channel)) as client:
        _search_works(client, corpus)
