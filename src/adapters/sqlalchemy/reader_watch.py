"""Telling cheaply whether anything was committed to a SQLite database since a moment.

SQLite's ``PRAGMA data_version`` changes, on a given connection, whenever another connection
(in this process or any other) has committed. Read on a connection that never writes, it is a
marker of "nothing changed since" that costs microseconds and no SQL transaction.
"""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import Engine


class SqliteCommitWatch:
    def __init__(self, database_path: str) -> None:
        self.database_path = database_path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def data_version(self) -> int:
        with self._lock:
            if self._conn is None:  # opened on first use: after any fork of a server process
                self._conn = sqlite3.connect(
                    self.database_path, timeout=1, isolation_level=None, check_same_thread=False
                )
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])


def commit_watch(engine: Engine) -> SqliteCommitWatch | None:
    """A watch for a SQLite file; None for other databases (they offer nothing as cheap)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    return SqliteCommitWatch(engine.url.database)
