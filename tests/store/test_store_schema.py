"""Migrations, engines and the schema check, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text

from gongkai.store import (
    Base,
    QuarantineEntry,
    SchemaOutOfDate,
    database_url,
    head_revision,
    make_engine,
    make_sessionmaker,
    require_current_schema,
    schema_is_current,
)
from gongkai.store.db import normalise_url
from gongkai.store.migrate import current_revision, downgrade, upgrade

TABLES = {
    "annotations",
    "corrections",
    "doubt_resolutions",
    "user_sessions",
    "users",
    "alembic_version",
    "audit_log",
    "decisions",
    "export_files",
    "quarantine",
    "record_versions",
    "redactions",
    "review_batches",
    "publications",
    "channel_openings",
    "problem_reports",
}


def test_migrations_create_the_schema_from_empty(new_engine) -> None:
    engine: Engine = new_engine(migrated=False)
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) == set()

    assert upgrade(engine) == head_revision()

    assert set(inspect(engine).get_table_names()) == TABLES
    assert schema_is_current(engine)
    require_current_schema(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []  # models and migrations agree


def test_upgrade_twice_is_a_no_op_and_downgrade_empties(new_engine) -> None:
    engine: Engine = new_engine(migrated=False)
    upgrade(engine)
    assert upgrade(engine) == head_revision()
    assert downgrade(engine, "base") is None
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade(engine)
    assert schema_is_current(engine)


def test_an_empty_database_is_refused_with_a_clear_message(new_engine) -> None:
    engine: Engine = new_engine(migrated=False)
    assert not schema_is_current(engine)
    with pytest.raises(SchemaOutOfDate, match=r"no schema.*Run `gongkai db upgrade`"):
        require_current_schema(engine)


def test_an_older_revision_is_refused(new_engine) -> None:
    engine: Engine = new_engine(migrated=False)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(SchemaOutOfDate, match="schema revision 0000"):
        require_current_schema(engine)


def test_datetimes_come_back_time_zone_aware(engine: Engine) -> None:
    at = dt.datetime(2024, 3, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        session.add(QuarantineEntry(file_path="f", line_no=1, raw="x", reason="r", created_at=at))
    with sessions() as session:
        stored = session.scalars(select(QuarantineEntry.created_at)).one()
    assert stored == at
    assert stored.utcoffset() == dt.timedelta(0)


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with make_sessionmaker(engine)() as session:
        session.add(
            QuarantineEntry(
                file_path="f", line_no=1, raw="x", reason="r", created_at=dt.datetime(2024, 1, 1)
            )
        )
        with pytest.raises(Exception, match="naive datetime"):
            session.flush()


def test_default_database_is_a_sqlite_file_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GONGKAI_DATABASE_URL", raising=False)
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path / "data"))
    assert database_url().database == str(tmp_path / "data" / "gongkai.sqlite")
    engine = make_engine()
    try:
        upgrade(engine)
        assert (tmp_path / "data" / "gongkai.sqlite").exists()
        with engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 30_000
    finally:
        engine.dispose()


def test_database_url_env_overrides_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path / "unused"))
    monkeypatch.setenv("GONGKAI_DATABASE_URL", "postgresql://u:p@db.example/gongkai")
    url = database_url()
    assert url.drivername == "postgresql+psycopg"
    assert url.host == "db.example"
    assert normalise_url("postgres://u@h/d").drivername == "postgresql+psycopg"
    assert normalise_url("sqlite:///x.sqlite").drivername == "sqlite"
