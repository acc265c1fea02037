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
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, select, text
from sqlalchemy.exc import DBAPIError

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.tables import sync_locks

log = logging.getLogger(__name__)

# A SQLite holder that crashed blocks its key at most this long; a sync takes far less.
DEFAULT_LEASE = timedelta(hours=1)
TRY_MANY = text("SELECT k FROM unnest(CAST(:keys AS bigint[])) AS k WHERE pg_try_advisory_lock(k)")
UNLOCK_MANY = text("SELECT pg_advisory_unlock(k) FROM unnest(CAST(:keys AS bigint[])) AS k")


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

    def hold_many(self, keys: Collection[str]) -> AbstractContextManager[frozenset[str]]:
        """One connection (Postgres) or one transaction (SQLite) for a whole batch of keys."""
        if self.engine.dialect.name == "postgresql":
            return self._advisory_many(frozenset(keys))
        return self._lock_rows(frozenset(keys))

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
    def _advisory_many(self, keys: frozenset[str]) -> Iterator[frozenset[str]]:
        by_number: dict[int, list[str]] = {}
        for key in keys:
            by_number.setdefault(advisory_key(key), []).append(key)
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            taken = list(conn.execute(TRY_MANY, {"keys": sorted(by_number)}).scalars())
        except BaseException:
            conn.close()
            raise
        try:
            yield frozenset(key for number in taken for key in by_number[number])
        finally:
            _release_advisory_many(conn, taken)

    @contextmanager
    def _lock_rows(self, keys: frozenset[str]) -> Iterator[frozenset[str]]:
        owner = uuid.uuid4().hex
        with self._mutex:
            acquired = self._claim_rows(keys, owner) if keys else frozenset()
        try:
            yield acquired
        finally:
            if acquired:
                with self._mutex, self.engine.begin() as conn:
                    conn.execute(delete(sync_locks).where(sync_locks.c.owner == owner))

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

    def _claim_rows(self, keys: frozenset[str], owner: str) -> frozenset[str]:
        now = datetime.now(UTC)
        until = now + self.lease
        claim = dialect_insert(self.engine, sync_locks).on_conflict_do_update(
            index_elements=["key"],
            set_={"owner": owner, "expires_at": until},
            where=sync_locks.c.expires_at < now,
        )
        rows = [{"key": key, "owner": owner, "expires_at": until} for key in sorted(keys)]
        with self.engine.begin() as conn:
            conn.execute(claim, rows)
            mine = select(sync_locks.c.key).where(sync_locks.c.owner == owner)
            return frozenset(conn.execute(mine).scalars())


def _release_advisory_many(conn: Connection, numbers: list[int]) -> None:
    try:
        if numbers:
            conn.execute(UNLOCK_MANY, {"keys": numbers})
    except DBAPIError as exc:
        conn.invalidate()
        if not exc.connection_invalidated:
            raise
        log.warning("sync lock connection was lost before release; the server freed the locks")
    finally:
        conn.close()


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
