"""Engines for SQLite (embedded default) and Postgres (production)."""

from __future__ import annotations

import contextlib
import logging
import os
from typing import Any

from psycopg.types.array import ListBinaryDumper
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

SQLITE_BUSY_TIMEOUT_SECONDS = 30
# A Connection execution option: the reader begins DEFERRED so reads never wait for writers.
SQLITE_BEGIN = "rostersync_sqlite_begin"
# Bound values are people's names, emails and encrypted tokens: never in logs (SQLAlchemy logs
# them when its logger is at INFO) nor in the text of database errors.
HIDE_PARAMETERS = True


class HideResultRows(logging.Filter):
    """SQLAlchemy logs every fetched row when its logger is at DEBUG; rows hold names too."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Row %r":
            record.args = ("(hidden)",)
        return True


def _hide_rows_in_logs() -> None:
    logger = logging.getLogger("sqlalchemy.engine.Engine")
    if not any(isinstance(f, HideResultRows) for f in logger.filters):
        logger.addFilter(HideResultRows())


def make_engine(url: str, *, pool_size: int = 5, statement_timeout_ms: int | None = None) -> Engine:
    """``sqlite:///path`` or ``postgresql+psycopg://…``; anything else is refused clearly."""
    _hide_rows_in_logs()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValueError(
            "the database URL cannot be read: expected sqlite:///path.db or "
            "postgresql+psycopg://user@host/name"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            # Every pooled connection would see its own empty database.
            raise ValueError("in-memory SQLite is not supported: give a file, sqlite:///path.db")
        return _sqlite_engine(url, parsed.database, pool_size)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":  # psycopg 3 is the driver this service ships
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(False)
        return _postgres_engine(url, pool_size, statement_timeout_ms)
    raise ValueError(f"unsupported database URL scheme {backend!r}: use sqlite or postgresql")


def _postgres_engine(url: str, pool_size: int, statement_timeout_ms: int | None) -> Engine:
    connect_args: dict[str, Any] = {}
    if statement_timeout_ms:
        connect_args["options"] = f"-c statement_timeout={int(statement_timeout_ms)}"
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args=connect_args,
        hide_parameters=HIDE_PARAMETERS,
    )
    event.listen(engine, "connect", _send_lists_in_binary)
    return engine


def _send_lists_in_binary(dbapi_connection: Any, _record: Any) -> None:
    """Id lists travel as one array parameter. psycopg writes an array in PostgreSQL's text
    form by testing every element for characters to quote (about 0.8 µs an id, 0.4 ms for a
    list of 500); its binary form needs no such test and is three times faster."""
    dbapi_connection.adapters.register_dumper(list, ListBinaryDumper)


def _sqlite_engine(url: str, path: str, pool_size: int) -> Engine:
    """Pooled like Postgres: a connection opened beyond the pool is closed on return, and
    opening one (its pragmas included) costs more than the reads a web request makes."""
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
        hide_parameters=HIDE_PARAMETERS,
    )
    event.listen(engine, "do_connect", lambda *_: _create_private(path))
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _create_private(path: str) -> None:
    """The file holds children's names and demographics: readable by its owner only. SQLite
    gives its -wal and -shm files the database file's mode, so creating the database file
    0600 before SQLite opens it covers all three (whoever runs migrate, the demo or serve)."""
    if path.startswith("file:"):
        return  # a URI filename: SQLite's own options apply
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (savepoints work).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def one_statement(conn: Connection) -> Connection:
    """For a read that is a single statement: no transaction around it (one statement sees
    one snapshot on its own), so neither BEGIN nor ROLLBACK travels to the database."""
    if conn.dialect.name == "sqlite":
        return conn.execution_options(**{SQLITE_BEGIN: None})
    return conn.execution_options(isolation_level="AUTOCOMMIT")


def _begin_sqlite_transaction(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: a read-then-write unit of work never fails
    # half way with "database is locked" because another connection wrote in between.
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
    if mode is not None:  # None: one statement, in SQLite's own autocommit
        connection.exec_driver_sql(f"BEGIN {mode}")
