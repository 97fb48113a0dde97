"""Alembic environment for a channel store: runs on the engine handed over by
``gongkai.publication.db.upgrade_channel``."""

from __future__ import annotations

from alembic import context

from gongkai.publication.models import ChannelBase

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=ChannelBase.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
