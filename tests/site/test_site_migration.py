"""Channel migrations on stores that already hold decisions: 0002 (the search index) indexes
decisions written under 0001, 0003 adds the fines to the index; downgrades go back, upgrades
again work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sitetools import make_corpus
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import sessionmaker

from gongkai.publication import read
from gongkai.publication.db import MIGRATIONS_DIR, open_channel
from gongkai.publication.read import SearchQuery


def _alembic(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    (command.downgrade if down else command.upgrade)(config, revision)


@pytest.fixture
def empty_engine(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Engine]:
    if backend == "sqlite":
        engine = open_channel("public", f"sqlite:///{tmp_path / 'old.sqlite'}")
        yield engine
        engine.dispose()
        return
    admin_url: URL = request.getfixturevalue("postgres_admin_url")
    admin = open_channel("public", admin_url).execution_options(isolation_level="AUTOCOMMIT")
    name = "gongkai_test_channel_migration"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = open_channel("public", admin_url.set(database=name))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.engine.dispose()


def _insert_0001_rows(engine: Engine) -> None:
    """Rows as the 0001 code wrote them (its FTS tokenisation on SQLite)."""
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    with engine.begin() as connection:
        for n, item in enumerate(make_corpus().values(), start=1):
            connection.execute(
                text(
                    "INSERT INTO published_decisions (id, public_id, source_id, decision_no, "
                    "agency, decision_date, violation_type, legal_basis, law, penalty_types, "
                    "fine_amount_fen, redacted_text, content_hash, revision, status, "
                    "first_published_at, updated_at) VALUES (:id, :pid, :sid, :no, :agency, "
                    ":day, :vt, :lb, :law, :pt, :fine, :body, 'x', 1, :status, :now, :now)"
                ),
                {
                    "id": n,
                    "pid": item.public_id,
                    "sid": item.source_id,
                    "no": item.decision_no,
                    "agency": item.agency,
                    "day": item.decision_date,
                    "vt": item.violation_type,
                    "lb": item.legal_basis,
                    "law": item.law,
                    "pt": '["' + '", "'.join(item.penalty_types) + '"]',
                    "fine": item.fine_amount_fen,
                    "body": item.redacted_text,
                    "status": "withdrawn" if item.source_id == "speed2" else "published",
                    "now": now,
                },
            )
            if engine.dialect.name == "sqlite" and item.source_id != "speed2":
                old = " ".join(ch if ch.isalnum() else "" for ch in item.redacted_text.lower())
                connection.execute(
                    text("INSERT INTO published_fts(rowid, body) VALUES (:id, :body)"),
                    {"id": n, "body": old.strip()},
                )


def _found(engine: Engine, **query: object) -> set[str]:
    with sessionmaker(engine)() as session:
        return {r.source_id for r in read.search(session, SearchQuery(**query), limit=100)}


def test_upgrade_indexes_existing_decisions(empty_engine: Engine) -> None:
    _alembic(empty_engine, "c0001")
    _insert_0001_rows(empty_engine)
    _alembic(empty_engine, "head")
    assert _found(empty_engine, q="超速") == {"speed1"}  # speed2 is withdrawn
    with empty_engine.connect() as connection:  # 0004 counted the rows already there
        counts = dict(connection.execute(text("SELECT status, decisions FROM status_counts")).all())
        rows = dict(
            connection.execute(
                text("SELECT status, count(*) FROM published_decisions GROUP BY status")
            ).all()
        )
    assert counts == rows
    assert counts["withdrawn"] == 1 and counts["published"] > 5
    assert _found(empty_engine, q="居留", penalty_type="限期出境") == {"stay1"}
    assert _found(empty_engine, q="枪") == {"gun1"}
    _alembic(empty_engine, "c0001", down=True)
    if empty_engine.dialect.name == "sqlite":
        with empty_engine.connect() as connection:
            old = connection.execute(
                text("SELECT count(*) FROM published_fts WHERE published_fts MATCH '超 速'")
            ).scalar_one()
        assert old == 1
    _alembic(empty_engine, "head")
    assert _found(empty_engine, q="酒驾") == {"drunk1", "drunk2"}


def test_0003_indexes_the_fines_for_the_fine_order(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _alembic(empty_engine, "c0001")
    _insert_0001_rows(empty_engine)
    _alembic(empty_engine, "c0002")
    _alembic(empty_engine, "head")
    # Every text match, sorted by fine one fine amount at a time (SQLite: through the fines'
    # tokens that 0003 indexed), agrees with the rows.
    monkeypatch.setattr(read, "FTS_SORT_LIMIT", 0)
    monkeypatch.setattr(read, "PG_SORT_LIMIT", 0)
    with sessionmaker(empty_engine)() as session:
        found = read.search(session, SearchQuery(q="公安", sort="fine_desc"), limit=100)
        every = read.search(session, SearchQuery(sort="fine_desc"), limit=100)
    expected = [r.source_id for r in every if "公安" in r.redacted_text]
    assert [r.source_id for r in found] == expected
    assert len(expected) > 3
    assert len({r.fine_amount_fen for r in found}) > 2
    assert found == sorted(
        found, key=lambda r: (r.fine_amount_fen, r.decision_date, r.id), reverse=True
    )
    _alembic(empty_engine, "c0002", down=True)
    if empty_engine.dialect.name == "sqlite":
        with empty_engine.connect() as connection:
            fines = connection.execute(
                text("SELECT DISTINCT fine_amount_fen FROM published_decisions")
            ).scalars()
            tokens = " OR ".join(f"tags : fv{fine}" for fine in fines)
            left = connection.execute(
                text("SELECT count(*) FROM published_fts WHERE published_fts MATCH :q"),
                {"q": tokens},
            ).scalar_one()
        assert left == 0
    _alembic(empty_engine, "head")
    with sessionmaker(empty_engine)() as session:
        again = read.search(session, SearchQuery(q="公安", sort="fine_desc"), limit=100)
    assert [r.source_id for r in again] == expected


# Objects of the search index (``gongkai.publication.index``): created by migration 0002,
# deliberately not mapped in the models.
INDEX_OWNED = {
    "ix_published_decisions_id_fine_amount_fen",
    "ix_published_decisions_status_penalty_types",
    "ix_published_decisions_search_bigrams",
    "ix_published_decisions_penalty_types",
    "search_bigrams",
}


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    if (
        type_ == "table"
        and name
        and (name.startswith("published_fts") or name == "alembic_version")
    ):
        return False
    return name not in INDEX_OWNED


def test_models_match_migrations(empty_engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from gongkai.publication.models import ChannelBase

    _alembic(empty_engine, "head")
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _include}
        )
        assert compare_metadata(context, ChannelBase.metadata) == []
