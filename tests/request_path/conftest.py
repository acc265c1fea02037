"""The storage fixtures of the persistence suite: memory, SQLite and Postgres (skipped with a
reason when the server is unreachable, failed when ROSTERSYNC_REQUIRE_SERVICES=1)."""

from __future__ import annotations

from tests.persistence.conftest import (  # noqa: F401
    backend,
    engine,
    postgres_database,
    postgres_engine,
    sqlite_engine,
    sqlite_template,
)
