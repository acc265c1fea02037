"""Telling cheaply whether anything a roster answer shows was committed since a moment.

SQLite's ``PRAGMA data_version`` changes, on a given connection, whenever another connection
(in this process or any other) has committed. Read on a connection that never writes, it is a
marker of "nothing changed since" that costs microseconds and no SQL transaction.

On Postgres, triggers on the tables a roster answer and its viewer come from (accounts,
teachers, students and the roster version; migration 0004) send a notification on the
``rostersync_changes`` channel with every transaction that writes them, from any process. The
watch listens on a connection of its own and counts what arrived, reading the socket without
waiting for the server; commits made through this process's engine count at once. When the
listening connection fails, there is no marker (the caller reads what it needs) until a new
connection starts a new range of markers.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from typing import Any, Protocol
from urllib.parse import quote

import psycopg
from sqlalchemy import Engine, event

GENERATION_SHIFT = 48  # data_version counts commits seen: far below 2**48 in any process life
CHANGES_CHANNEL = "rostersync_changes"
CONNECT_TIMEOUT = 2  # seconds
RECONNECT_PAUSE = 5.0  # seconds
# A listening connection that silently died (no reset from the peer) is noticed by TCP
# keepalives within about 25 s; until then no notification arrives.
KEEPALIVE: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


class CommitWatch(Protocol):
    def data_version(self) -> int | None: ...


class SqliteCommitWatch:
    def __init__(self, database_path: str) -> None:
        self.database_path = database_path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._generation = 0

    def data_version(self) -> int | None:
        """None when the file cannot be read just now: the caller then reads what it needs.
        Values of different connections cannot be compared, so each new connection starts
        a new range of markers."""
        with self._lock:
            try:
                if self._conn is None:  # opened on first use: after any fork of a server
                    self._conn = sqlite3.connect(
                        f"file:{quote(self.database_path)}?mode=rw",  # never creates the file
                        timeout=0.05,
                        isolation_level=None,
                        check_same_thread=False,
                        uri=True,
                    )
                    self._generation += 1
                version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                self._close()
                return None
            return (self._generation << GENERATION_SHIFT) | version

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class PostgresCommitWatch:
    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self._conn: psycopg.Connection[Any] | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self._seen = 0
        self._connect_after = 0.0  # after a failed connect, the next try waits (monotonic)

    def watch_local_commits(self, engine: Engine) -> None:
        """This process's own writes move the marker when they commit, before their
        notification arrives (a read-only transaction's commit moves nothing)."""
        event.listen(engine, "after_cursor_execute", _note_write)
        event.listen(engine, "commit", self._local_commit)
        event.listen(engine, "rollback", _forget_write)

    def data_version(self) -> int | None:
        with self._lock:
            if self._conn is None and not self._connect():
                return None
            assert self._conn is not None
            try:
                pgconn = self._conn.pgconn
                pgconn.consume_input()  # what the server already sent; never waits for more
                if pgconn.status != psycopg.pq.ConnStatus.OK:
                    raise psycopg.OperationalError("the listening connection was lost")
                while pgconn.notifies() is not None:
                    self._seen += 1
            except (psycopg.Error, OSError):
                self._close()
                return None
            return (self._generation << GENERATION_SHIFT) | self._seen

    def close(self) -> None:
        with self._lock:
            self._close()

    def _connect(self) -> bool:
        """Opened on first use (so after any fork of a server). A server that cannot be
        reached is tried again only after a pause: callers read what they need meanwhile,
        and a request never waits on a connect more than once in a while."""
        if time.monotonic() < self._connect_after:
            return False
        try:
            self._conn = psycopg.connect(
                self.conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT, **KEEPALIVE
            )
            self._conn.execute(f"LISTEN {CHANGES_CHANNEL}")
        except (psycopg.Error, OSError):
            self._close()
            self._connect_after = time.monotonic() + RECONNECT_PAUSE
            return False
        self._generation += 1
        return True

    def _local_commit(self, conn: Any) -> None:
        if conn.info.pop(WROTE, False):
            with self._lock:
                self._seen += 1

    def _close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = None


WROTE = "rostersync_wrote"
WRITES = ("INSERT", "UPDATE", "DELETE", "WITH", "TRUNCATE")
# The tables a roster answer and its viewer are read from, as far as a marker must tell: every
# roster write also bumps roster_version in its transaction. Writes elsewhere (the demographics
# audit, sessions' OAuth states, sync runs) move nothing.
WATCHED_TABLES = ("accounts", "teachers", "students", "roster_version")


def _note_write(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
    if not statement.lstrip()[:8].upper().startswith(WRITES):
        return
    text = statement.lower()
    if any(table in text for table in WATCHED_TABLES):
        conn.info[WROTE] = True


def _forget_write(conn: Any) -> None:
    if not conn.invalidated:  # an invalidated connection has no info left to clear
        conn.info.pop(WROTE, None)


def commit_watch(engine: Engine) -> CommitWatch | None:
    """A watch for a SQLite file or a Postgres database; None for anything else."""
    if engine.dialect.name == "sqlite" and engine.url.database:
        return SqliteCommitWatch(engine.url.database)
    if engine.dialect.name == "postgresql":
        url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        watch = PostgresCommitWatch(url)
        watch.watch_local_commits(engine)
        return watch
    return None
