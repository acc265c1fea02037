"""The hot read of a response cache hit: the roster version and the viewer, on Postgres.

Checking a connection out of the pool, beginning and rolling back cost several times the
one-row query itself, so the reader keeps one connection for it. That connection is in
autocommit mode: each read is its own transaction and sees every commit before it.
"""

from __future__ import annotations

import threading

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from adapters.sqlalchemy.reader_rosters import versioned_viewer
from application.ports import VersionedViewer


class KeptConnectionVersionReads:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._lock = threading.Lock()

    def read(self, account_id: int) -> VersionedViewer | None:
        with self._lock:
            try:
                return versioned_viewer(self._connection(), account_id)
            except DBAPIError:
                self._discard()  # a server restart or a dropped connection: one more try
            return versioned_viewer(self._connection(), account_id)

    def close(self) -> None:
        with self._lock:
            self._discard()

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._conn

    def _discard(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.invalidate()
            conn.close()
