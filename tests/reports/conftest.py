"""Fixtures of the report tests: a migrated SQLite store (one template per session, a copy per
test), the scenario's clock and the scenario itself."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import reportscenario
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from gongkai.store import make_engine, make_sessionmaker
from gongkai.store.migrate import upgrade


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-store") / "gongkai.sqlite"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def store_path(tmp_path: Path, migrated_template: Path) -> Path:
    target = tmp_path / "gongkai.sqlite"
    shutil.copyfile(migrated_template, target)
    return target


@pytest.fixture
def engine(store_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{store_path}")
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> reportscenario.Clock:
    return reportscenario.Clock().install(monkeypatch)


@pytest.fixture
def scenario(sessions: sessionmaker[Session], clock: reportscenario.Clock) -> dict[str, int]:
    """The hand-counted scenario, built; source id → decision id."""
    return reportscenario.build(sessions, clock)
