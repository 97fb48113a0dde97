"""Fixtures for the review app: ``app`` (on a temporary, migrated SQLite store), ``client``
(HTTPS, so the default Secure cookies flow), ``staff`` (accounts of each role) and ``login``
(signs a client in through the form)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from webtools import Staff, ensure_user, make_client, sign_in

from gongkai.store import accounts as accounts_module
from gongkai.store.migrate import upgrade
from gongkai.web.review.app import Settings, create_app


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its default cost takes ~0.15 s a hash here; the tests sign in often."""
    monkeypatch.setattr(
        accounts_module, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture(scope="session")
def migrated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per test session; each test gets a copy."""
    path = tmp_path_factory.mktemp("store-template") / "gongkai.sqlite"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def store_url(tmp_path: Path, migrated_store: Path) -> str:
    target = tmp_path / "gongkai.sqlite"
    shutil.copyfile(migrated_store, target)
    return f"sqlite:///{target}"


@pytest.fixture
def settings(store_url: str) -> Settings:
    return Settings(database_url=store_url)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    app = create_app(settings)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with make_client(app) as c:
        yield c


@pytest.fixture
def new_client(app: FastAPI) -> Callable[[], TestClient]:
    return lambda: make_client(app)


@pytest.fixture
def login(app: FastAPI) -> Callable[..., Staff]:
    """``login(client, role)``: create the role's user (named after the role) if needed and
    sign the client in through the form."""

    def do_login(client: TestClient, role: str, *, username: str | None = None) -> Staff:
        staff = ensure_user(app, role, username)
        response = sign_in(app, client, staff)
        assert response.status_code == 303, response.text
        return staff

    return do_login
