"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``GONGKAI_TEST_POSTGRES_URL`` (a database whose user may CREATE DATABASE)
or, when the server binaries are installed (``/usr/lib/postgresql/*/bin``), from a throw-away
cluster on a free loopback port, started once per session (as the ``postgres`` user when running
as root) and stopped at the end. Without either the PostgreSQL tests are skipped, except under
``CI=true``, where that is a failure.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import itertools
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from gongkai.store import Base, make_engine, make_sessionmaker
from gongkai.store.migrate import upgrade
from gongkai.store.models import APPEND_ONLY_TABLES

POSTGRES_URL_ENV = "GONGKAI_TEST_POSTGRES_URL"
SHARED_DB = "gongkai_test_shared"


def _postgres_bindir() -> Path | None:
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        return None
    newest = max(found, key=lambda p: int(Path(p).parent.parent.name.split(".")[0]))
    return Path(newest).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


class _Cluster:
    """A throw-away PostgreSQL cluster in a temporary directory.

    As root, initdb and the server run as the ``postgres`` user (the recipe's ``runuser -u
    postgres --``, done by ``subprocess`` itself so that the server stays our direct child:
    stopping it then also reaps it, and no stray or defunct postgres process is left).
    """

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.server: subprocess.Popen[bytes] | None = None
        self.as_postgres: dict[str, Any] = {}
        if os.geteuid() == 0:
            try:
                pg = pwd.getpwnam("postgres")
            except KeyError:
                _unavailable("running as root, but there is no `postgres` user to run the server")
            self.as_postgres = {"user": pg.pw_uid, "group": pg.pw_gid, "extra_groups": []}
        self.root = Path(tempfile.mkdtemp(prefix="gongkai-pg-"))  # in /tmp: reachable by all
        if self.as_postgres:
            os.chown(self.root, self.as_postgres["user"], self.as_postgres["group"])
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    def start(self) -> URL:
        initdb = [
            str(self.bindir / "initdb"),
            *("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
            *("--locale=C.UTF-8", "--no-sync"),
        ]
        done = subprocess.run(
            initdb, capture_output=True, text=True, timeout=60, cwd=self.root, **self.as_postgres
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": str(self.root),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "50",
        }
        command = [str(self.bindir / "postgres"), "-D", str(self.data)]
        for name, value in settings.items():
            command += ["-c", f"{name}={value}"]
        with self.log.open("wb") as log:
            self.server = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.root,
                **self.as_postgres,
            )
        url = URL.create(
            "postgresql+psycopg",
            username="postgres",
            host="127.0.0.1",
            port=self.port,
            database="postgres",
        )
        self._wait_until_ready(url)
        return url

    def _wait_until_ready(self, url: URL, timeout: float = 30.0) -> None:
        import psycopg

        assert self.server is not None
        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(
                    host=url.host, port=url.port, user=url.username, dbname=url.database
                ).close()
                return
            except psycopg.OperationalError:
                if self.server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "PostgreSQL did not start:\n" + self.log.read_text(errors="replace")
                    ) from None
                time.sleep(0.05)

    def stop(self) -> None:
        try:
            if self.server is not None and self.server.poll() is None:
                self.server.send_signal(signal.SIGINT)  # fast shutdown: ends open sessions
                try:
                    self.server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.server.kill()
                    self.server.wait(timeout=5)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[URL]:
    """A URL to an administrative database on a PostgreSQL server the tests may use."""
    configured = os.environ.get(POSTGRES_URL_ENV)
    if configured:
        yield make_url(configured).set(drivername="postgresql+psycopg")
        return
    bindir = _postgres_bindir()
    if bindir is None:
        _unavailable(
            "PostgreSQL not found: install it (`apt-get install -y postgresql`) "
            f"or set {POSTGRES_URL_ENV}"
        )
        return
    cluster = _Cluster(bindir)
    try:
        url = cluster.start()
    except Exception:
        cluster.stop()
        raise
    try:
        yield url
    finally:
        cluster.stop()


class _Databases:
    """PostgreSQL databases for tests: one migrated database shared by the session and emptied
    before each test (creating a database costs ~0.3 s, emptying one ~20 ms), and fresh empty
    databases for the migration tests."""

    def __init__(self, admin_url: URL) -> None:
        self.admin_url = admin_url
        self.admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.names = (f"gongkai_test_{os.getpid()}_{n}" for n in itertools.count())
        self.shared = self.admin_url.set(database=SHARED_DB)
        self._execute(f'DROP DATABASE IF EXISTS "{SHARED_DB}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{SHARED_DB}"')
        upgrade(self.shared)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def create(self, migrated: bool) -> URL:
        """The shared migrated database, emptied; or a new empty database."""
        if migrated:
            self._empty_shared()
            return self.shared
        name = next(self.names)
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.admin_url.set(database=name)

    def _empty_shared(self) -> None:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        engine = make_engine(self.shared)
        try:
            with engine.begin() as connection:
                # Append-only tables refuse TRUNCATE by trigger; their owner may switch that off.
                for table in APPEND_ONLY_TABLES:
                    connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
                for table in APPEND_ONLY_TABLES:
                    connection.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        finally:
            engine.dispose()

    def drop(self, url: URL) -> None:
        if url != self.shared:
            self._execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')

    def close(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{SHARED_DB}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_databases(postgres_admin_url: URL) -> Iterator[_Databases]:
    databases = _Databases(postgres_admin_url)
    yield databases
    databases.close()


EngineFactory = Callable[..., Engine]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_engine(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[EngineFactory]:
    """``new_engine(migrated=True)``: an engine on a fresh database of the current backend.
    Call it again for another engine on the same database (a second process or worker)."""
    engines: list[Engine] = []
    urls: dict[bool, URL] = {}
    databases: _Databases | None = None
    if backend == "postgresql":
        databases = request.getfixturevalue("postgres_databases")

    lock = threading.Lock()  # tests call the factory from several threads

    def factory(migrated: bool = True) -> Engine:
        with lock:
            return _engine_for(migrated)

    def _engine_for(migrated: bool) -> Engine:
        if migrated not in urls:
            if databases is not None:
                urls[migrated] = databases.create(migrated)
            else:
                url = URL.create("sqlite", database=str(tmp_path / f"store-{migrated}.sqlite"))
                if migrated:
                    upgrade(url)
                urls[migrated] = url
        engine = make_engine(urls[migrated])
        engines.append(engine)
        return engine

    yield factory
    for engine in engines:
        engine.dispose()
    if databases is not None:
        for url in urls.values():
            databases.drop(url)


@pytest.fixture
def engine(new_engine: EngineFactory) -> Engine:
    """An engine on a fresh, migrated database."""
    return new_engine()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One session in one transaction, rolled back at the end unless the test committed."""
    with sessions() as session:
        yield session


ACTOR = "test:store"


def _record_kwargs(
    source_id: str,
    full_text: str = "正文",
    *,
    status: str = "effective",
    file_path: str = "export-1.jsonl",
    line_no: int = 1,
    agency: str = "某市公安局某分局",
) -> dict[str, object]:
    """Keyword arguments for ``add_record_version`` describing one export line."""
    data = {"source_id": source_id, "status": status, "agency": agency, "full_text": full_text}
    raw = json.dumps(data, ensure_ascii=False)
    return {
        "source_id": source_id,
        "content_hash": hashlib.sha256(raw.encode()).hexdigest(),
        "file_path": file_path,
        "line_no": line_no,
        "raw": raw,
        "status": status,
        "decision_date": dt.date(2024, 3, 1),
        "agency": agency,
        "actor": ACTOR,
    }


def _redaction_result(publishable: bool = True) -> dict[str, object]:
    """A dict shaped like ``RedactionResult.to_dict()``."""
    withholdings = (
        []
        if publishable
        else [{"reason": "minor", "detail": "未成年人保护法第一百零三条: party under 18"}]
    )
    return {
        "source_id": "x",
        "publishable": publishable,
        "withhold_reason": withholdings[0]["reason"] if withholdings else None,
        "withhold_reasons": [w["reason"] for w in withholdings],
        "withhold_details": withholdings,
        "redacted_text": "违法行为人张某",
        "spans": [
            {
                "start": 5,
                "end": 7,
                "type": "PERSON",
                "replacement": "张某",
                "recognizer": "name",
                "score": 0.9,
                "explanation": "name",
            }
        ],
        "doubts": [],
    }


@pytest.fixture
def record() -> Callable[..., dict[str, object]]:
    """``record(source_id, full_text, status=..., file_path=..., line_no=...)``: keyword
    arguments for ``add_record_version``."""
    return _record_kwargs


@pytest.fixture
def result() -> Callable[..., dict[str, object]]:
    """``result(publishable=True)``: a dict shaped like ``RedactionResult.to_dict()``."""
    return _redaction_result
