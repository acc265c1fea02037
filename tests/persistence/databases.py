"""Throw-away databases for the persistence tests: a SQLite file, or a fresh Postgres database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

POSTGRES_SERVER = os.environ.get(
    "ROSTERSYNC_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def require_postgres() -> None:
    """Skip when the server is unreachable; fail instead when CI says services must be there."""
    try:
        engine = create_engine(POSTGRES_SERVER, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except OperationalError as exc:
        reason = f"PostgreSQL unreachable at {POSTGRES_SERVER.split('@')[-1]}: {exc.orig}"
        if os.environ.get("ROSTERSYNC_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A uniquely named, empty database, dropped afterwards; yields its URL."""
    require_postgres()
    name = f"rostersync_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
