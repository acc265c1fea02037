"""Alembic environment: the engine comes from the caller (see adapters.sqlalchemy.migrate)."""

from __future__ import annotations

from alembic import context

from adapters.sqlalchemy.tables import metadata

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
