"""Alembic migrations for the store (configured in code by ``gongkai.store.migrate``)."""
