"""Telling cheaply whether anything was committed to a SQLite database since a moment.

SQLite's ``PRAGMA data_version`` changes, on a given connection, whenever another connection
(in this process or any other) has committed. Read on a connection that never writes, it is a
marker of "nothing changed since" that costs microseconds and no SQL transaction.
"""

from __future__ import annotations

import sqlite3
import threading
from urllib.parse import quote

from sqlalchemy import Engine

GENERATION_SHIFT = 48  # data_version counts commits seen: far below 2**48 in any process life


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


def commit_watch(engine: Engine) -> SqliteCommitWatch | None:
    """A watch for a SQLite file; None for other databases (they offer nothing as cheap)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    return SqliteCommitWatch(engine.url.database)
