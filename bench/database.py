"""Throw-away benchmark databases: a fresh Postgres database, or a SQLite file, migrated."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, bindparam, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.migrate import migrate
from adapters.sqlalchemy.tables import ROSTER_TABLES
from bench.worker import FORCED_FLUSH_SINCE

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@dataclass
class BenchDatabase:
    backend: str  # "postgres" or "sqlite"
    url: str
    admin_url: str | None = None
    directory: Path | None = None

    @property
    def name(self) -> str:
        return make_url(self.url).database or ""

    def drop(self) -> None:
        if self.admin_url is not None:
            admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            admin.dispose()
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


def postgres_server_url() -> str:
    """The server of ROSTERSYNC_DATABASE_URL when that is Postgres, else the local one."""
    configured = os.environ.get("ROSTERSYNC_DATABASE_URL", "")
    if configured.startswith("postgresql"):
        return make_url(configured).set(database="postgres").render_as_string(False)
    return LOCAL_POSTGRES


def postgres_unreachable_reason() -> str | None:
    url = postgres_server_url()
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except OperationalError as exc:
        return f"PostgreSQL unreachable at {make_url(url).host}: {str(exc.orig).strip()[:120]}"
    return None


def new_postgres_database() -> BenchDatabase:
    admin_url = postgres_server_url()
    name = f"rostersync_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(False)
    database = BenchDatabase("postgres", url, admin_url=admin_url)
    _migrate(url)
    return database


def new_sqlite_database() -> BenchDatabase:
    directory = Path(tempfile.mkdtemp(prefix="rostersync-bench-"))
    url = f"sqlite:///{directory / 'bench.db'}"
    _migrate(url)
    return BenchDatabase("sqlite", url, directory=directory)


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


def postgres_rows_written(database: BenchDatabase) -> Counter[str]:
    """Rows inserted, updated or deleted per roster table since the database was created.

    Complete once every connection that wrote has flushed its counts: the bench's sync worker
    and ``start_rostering`` have theirs flush before they answer
    (``bench.worker.flush_row_counts``). Before PostgreSQL 15 connections flush as they close,
    so the other connections are waited for."""
    observer = create_engine(database.url, isolation_level="AUTOCOMMIT")
    with observer.connect() as conn:
        if (conn.dialect.server_version_info or (0,)) < FORCED_FLUSH_SINCE:
            others = text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = :db AND pid <> pg_backend_pid()"
            )
            deadline = time.monotonic() + 30
            while conn.execute(others, {"db": database.name}).scalar():
                if time.monotonic() > deadline:
                    break
                time.sleep(0.02)
        written = roster_write_counts(conn)
    observer.dispose()
    return written


def roster_write_counts(conn: Connection) -> Counter[str]:
    """Rows inserted, updated or deleted per roster table, as the server's statistics count
    them now (a fresh snapshot of them)."""
    conn.execute(text("SELECT pg_stat_clear_snapshot()"))
    rows = conn.execute(
        text(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables "
            "WHERE relname IN :tables"
        ).bindparams(bindparam("tables", expanding=True)),
        {"tables": list(ROSTER_TABLES)},
    ).all()
    return Counter({name: int(n) for name, n in rows})


def analyse_roster_tables(database: BenchDatabase) -> None:
    """PostgreSQL: the planner statistics autovacuum gathers within ``autovacuum_naptime`` (a
    minute) of a district's first sync, gathered at once: the later syncs are timed as a
    scheduled job finds the tables, even on a server with autovacuum off."""
    if database.backend != "postgres":
        return
    engine = create_engine(database.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"ANALYZE {', '.join(ROSTER_TABLES)}"))
    engine.dispose()


def new_database(backend: str) -> BenchDatabase:
    return new_postgres_database() if backend == "postgres" else new_sqlite_database()
