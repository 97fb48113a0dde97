"""Fixtures for the public site and the read side of publication: every test that takes
``channel`` runs on SQLite and on PostgreSQL.

- ``channel``: a fresh, migrated channel store (``Channel``: ``engine``, ``url``, ``sessions``,
  ``publish(*items)``, ``withdraw``/``expire``/``hide``/``restore``) — SQLite: a copy of a
  migrated file; PostgreSQL: one migrated database per session, emptied before each test.
- ``corpus``: a small, varied set of decisions (traffic 超速/酒驾, exit-entry 居留, cyber-security,
  ID cards, firearms, 治安).
- ``site`` / ``client``: the public site's app on the channel, and a test client.

The PostgreSQL server is the store tests' (a throw-away cluster, or GONGKAI_TEST_POSTGRES_URL),
loaded from their conftest rather than copied.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sitetools import Channel, make_corpus, many
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.orm import sessionmaker

from gongkai.publication import PublicDecision
from gongkai.publication.db import open_channel, upgrade_channel

_spec = importlib.util.spec_from_file_location(
    "gongkai_tests_store_conftest_for_site",
    Path(__file__).parent.parent / "store" / "conftest.py",
)
assert _spec is not None and _spec.loader is not None
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)
postgres_admin_url = _store_conftest.postgres_admin_url

SHARED_CHANNEL_DB = "gongkai_test_channel"


@pytest.fixture(scope="session")
def sqlite_channel_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("channel-template") / "channel.sqlite"
    engine = open_channel("public", f"sqlite:///{path}")
    upgrade_channel(engine)
    engine.dispose()
    return path


class _PostgresChannels:
    def __init__(self, admin_url: URL) -> None:
        self.admin = open_channel("public", admin_url).execution_options(
            isolation_level="AUTOCOMMIT"
        )
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{SHARED_CHANNEL_DB}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{SHARED_CHANNEL_DB}"'))
        self.url = admin_url.set(database=SHARED_CHANNEL_DB)
        engine = open_channel("public", self.url)
        upgrade_channel(engine)
        engine.dispose()

    def emptied(self) -> URL:
        engine = open_channel("public", self.url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "TRUNCATE published_decisions, changes, problem_reports, status_counts "
                    "RESTART IDENTITY"
                )
            )
        engine.dispose()
        return self.url

    def close(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{SHARED_CHANNEL_DB}" WITH (FORCE)'))
        self.admin.engine.dispose()


@pytest.fixture(scope="session")
def postgres_channels(postgres_admin_url: URL) -> Iterator[_PostgresChannels]:
    channels = _PostgresChannels(postgres_admin_url)
    yield channels
    channels.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def channel(
    backend: str, tmp_path: Path, sqlite_channel_template: Path, request: pytest.FixtureRequest
) -> Iterator[Channel]:
    if backend == "postgresql":
        url = (
            request.getfixturevalue("postgres_channels")
            .emptied()
            .render_as_string(hide_password=False)
        )
    else:
        path = tmp_path / "channel-public.sqlite"
        shutil.copyfile(sqlite_channel_template, path)
        url = f"sqlite:///{path}"
    engine = open_channel("public", url)
    yield Channel(engine, url, backend, sessionmaker(engine, expire_on_commit=False))
    engine.dispose()


@pytest.fixture
def sqlite_channel(tmp_path: Path, sqlite_channel_template: Path) -> Iterator[Channel]:
    """A SQLite channel store only (tests of SQLite-specific behaviour)."""
    path = tmp_path / "channel-public.sqlite"
    shutil.copyfile(sqlite_channel_template, path)
    url = f"sqlite:///{path}"
    engine = open_channel("public", url)
    yield Channel(engine, url, "sqlite", sessionmaker(engine, expire_on_commit=False))
    engine.dispose()


@pytest.fixture
def corpus() -> dict[str, PublicDecision]:
    return make_corpus()


@pytest.fixture
def many_decisions() -> Callable[..., list[PublicDecision]]:
    return many


# --- the site ---------------------------------------------------------------------------------
@pytest.fixture
def site_settings(tmp_path: Path) -> Callable[..., object]:
    from gongkai.web.site.settings import Settings

    def make(channel: Channel, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "database_url": channel.url,
            "snapshot_dir": tmp_path / "snapshots",
            "base_url": "https://gongkai.example.gov.cn",
            "search_per_minute": 0.0,  # no rate limit unless a test sets one
            "reports_per_hour": 0.0,
        }
        values.update(overrides)
        return Settings(**values)  # type: ignore[arg-type]

    return make


@pytest.fixture
def make_site(site_settings: Callable[..., object]) -> Iterator[Callable[..., FastAPI]]:
    from gongkai.web.site.app import create_app, dispose

    apps: list[FastAPI] = []

    def make(channel: Channel, name: str = "public", **overrides: object) -> FastAPI:
        app = create_app(name, site_settings(channel, **overrides))  # type: ignore[arg-type]
        apps.append(app)
        return app

    yield make
    for app in apps:
        dispose(app)


@pytest.fixture
def client(channel: Channel, make_site: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_site(channel), follow_redirects=False) as c:
        yield c
