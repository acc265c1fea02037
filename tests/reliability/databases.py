"""The two SQL databases the product runs on: a migrated SQLite file, or one Postgres database
per test session (skipped when the server is unreachable, failed when CI requires it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text

from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.migrate import migrate
from adapters.sqlalchemy.tables import metadata
from adapters.sqlalchemy.versions import ROW_ID
from tests.persistence.databases import fresh_postgres_database

BACKENDS = ("sqlite", "postgres")


def migrated_sqlite(template_dir: Path) -> Path:
    path = template_dir / "template.db"
    migrate(f"sqlite:///{path}")
    return path


def sqlite_copy(template: Path, directory: Path) -> str:
    """A fresh copy of the migrated template (migrating once per session is faster)."""
    path = directory / "rostersync.db"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


@contextmanager
def migrated_postgres() -> Iterator[str]:
    with fresh_postgres_database() as url:
        engine = make_engine(url)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # A throw-away database need not wait for the disk at every commit.
            name = engine.url.database
            conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
        engine.dispose()
        migrate(url)
        yield url


def empty_every_table(url: str) -> None:
    """Back to a freshly migrated database, keeping the schema."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            # DELETE, not TRUNCATE: the tables are small, and Postgres truncates slowly.
            for table in reversed(metadata.sorted_tables):
                conn.execute(table.delete())
            conn.execute(text(f"INSERT INTO roster_version (id, version) VALUES ({ROW_ID}, 0)"))
    finally:
        engine.dispose()


def every_row(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the schema knows: what a dump of the database would hold."""
    with engine.connect() as conn:
        return {
            table.name: [dict(row._mapping) for row in conn.execute(select(table))]
            for table in metadata.sorted_tables
        }


def table_names(engine: Engine) -> set[str]:
    """Tables the database really has (so a table added later is not missed by every_row)."""
    from sqlalchemy import inspect

    return set(inspect(engine).get_table_names()) - {"alembic_version"}
