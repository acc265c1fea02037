"""SyncLock: Postgres advisory locks, or a lock row on SQLite.

Postgres: ``pg_try_advisory_lock`` on a connection kept for as long as the lock is held; if the
worker dies, the connection dies and Postgres releases the lock. SQLite: a row per key with an
owner token and an expiry (a crashed holder's lock lapses), plus a process-local mutex.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, text
from sqlalchemy.exc import DBAPIError

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.tables import sync_locks

log = logging.getLogger(__name__)

# A SQLite holder that crashed blocks its key at most this long; a sync takes far less.
DEFAULT_LEASE = timedelta(hours=1)


def advisory_key(key: str) -> int:
    """A stable signed 64-bit number for a key like ``teacher:<id>`` (same in every process)."""
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SqlAlchemySyncLock:
    def __init__(self, engine: Engine, lease: timedelta = DEFAULT_LEASE) -> None:
        self.engine = engine
        self.lease = lease
        self._mutex = threading.Lock()

    def hold(self, key: str) -> AbstractContextManager[bool]:
        if self.engine.dialect.name == "postgresql":
            return self._advisory(key)
        return self._lock_row(key)

    @contextmanager
    def _advisory(self, key: str) -> Iterator[bool]:
        number = advisory_key(key)
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            query = text("SELECT pg_try_advisory_lock(:k)")
            acquired = bool(conn.execute(query, {"k": number}).scalar())
        except BaseException:
            conn.close()
            raise
        try:
            yield acquired
        finally:
            _release_advisory(conn, number, acquired)

    @contextmanager
    def _lock_row(self, key: str) -> Iterator[bool]:
        owner = uuid.uuid4().hex
        with self._mutex:
            acquired = self._claim_row(key, owner)
        try:
            yield acquired
        finally:
            if acquired:
                mine = (sync_locks.c.key == key) & (sync_locks.c.owner == owner)
                with self._mutex, self.engine.begin() as conn:
                    conn.execute(delete(sync_locks).where(mine))

    def _claim_row(self, key: str, owner: str) -> bool:
        now = datetime.now(UTC)
        until = now + self.lease
        claim = (
            dialect_insert(self.engine, sync_locks)
            .values(key=key, owner=owner, expires_at=until)
            .on_conflict_do_update(
                index_elements=["key"],
                set_={"owner": owner, "expires_at": until},
                where=sync_locks.c.expires_at < now,  # a lapsed lease may be taken over
            )
            .returning(sync_locks.c.owner)
        )
        with self.engine.begin() as conn:
            return conn.execute(claim).first() is not None


def _release_advisory(conn: Connection, number: int, acquired: bool) -> None:
    try:
        if acquired:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": number})
    except DBAPIError as exc:
        conn.invalidate()  # never hand a connection that may still hold the lock back to the pool
        if not exc.connection_invalidated:
            raise
        # The connection died, and the server released the lock with it: nothing is left to do.
        log.warning("sync lock connection was lost before release; the server freed the lock")
    finally:
        conn.close()
