"""Alembic, configured in code (no ``alembic.ini``): used by ``gongkai db upgrade``.

For developers, a new migration after a model change::

    python -m gongkai.store.migrate revision -m "add foo" [--url URL]

autogenerates ``migrations/versions/NNNN_add_foo.py`` against an up-to-date database; review it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL

from . import db


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _engine(engine_or_url: Engine | str | URL | None) -> Iterator[Engine]:
    if isinstance(engine_or_url, Engine):
        yield engine_or_url
        return
    engine = db.make_engine(engine_or_url)
    try:
        yield engine
    finally:
        engine.dispose()


def upgrade(engine_or_url: Engine | str | URL | None = None, revision: str = "head") -> str | None:
    """Bring the schema to ``revision`` in one transaction; return the revision reached."""
    with _engine(engine_or_url) as engine:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
        return db.current_revision(engine)


def downgrade(engine_or_url: Engine | str | URL | None, revision: str) -> str | None:
    with _engine(engine_or_url) as engine:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)
        return db.current_revision(engine)


def current_revision(engine_or_url: Engine | str | URL | None = None) -> str | None:
    with _engine(engine_or_url) as engine:
        return db.current_revision(engine)


def new_revision(message: str, engine_or_url: Engine | str | URL | None = None) -> None:
    """Autogenerate a migration from the difference between the models and the database."""
    versions = db.MIGRATIONS_DIR / "versions"
    number = len([p for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py")]) + 1
    with _engine(engine_or_url) as engine, engine.begin() as connection:
        command.revision(
            alembic_config(connection),
            message=message,
            autogenerate=True,
            rev_id=f"{number:04d}",
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m gongkai.store.migrate")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("upgrade")
    up.add_argument("--url")
    up.add_argument("revision", nargs="?", default="head")
    rev = sub.add_parser("revision")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--url")
    args = parser.parse_args(argv)
    if args.command == "upgrade":
        print(upgrade(args.url, args.revision))
    else:
        new_revision(args.message, args.url)


if __name__ == "__main__":
    main()
