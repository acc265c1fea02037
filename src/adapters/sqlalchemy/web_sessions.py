"""Signed-in sessions in SQL, behind starsessions' SessionStore: the cookie holds a random id,
the row holds the session. Every request reads its row, and who it signs in with it (one
statement, no transaction around it, one trip to a worker thread); logout, "sign out everywhere",
forgetting a district and the two timeouts delete or refuse it, in every process at once."""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from anyio.to_thread import run_sync
from sqlalchemy import Engine, bindparam, delete, insert, select, update
from starsessions.stores.base import SessionStore

from adapters.sqlalchemy.engine import one_statement
from adapters.sqlalchemy.tables import accounts, web_sessions
from adapters.sqlalchemy.viewers import versioned_viewer_from, viewer_columns, with_records
from application.ports import Clock
from application.sessions import SessionLifetime, account_of, digest, with_signed_in

REMEMBERED = 50_000
# The session's row with who it signs in (see viewers): one statement for both. Built once:
# building a statement costs more than SQLite takes to run this one.
SESSION_BY_DIGEST = (
    select(
        web_sessions.c.data,
        web_sessions.c.account_id,
        web_sessions.c.created_at,
        web_sessions.c.last_seen_at,
        *viewer_columns(),
    )
    .select_from(
        with_records(web_sessions.outerjoin(accounts, accounts.c.id == web_sessions.c.account_id))
    )
    .where(web_sessions.c.id_digest == bindparam("key"))
)


@dataclass(frozen=True, slots=True)
class _Seen:
    data: bytes
    created_at: datetime
    last_seen_at: datetime


class SqlAlchemySessionStore(SessionStore):
    def __init__(self, engine: Engine, clock: Clock, lifetime: SessionLifetime) -> None:
        self.engine = engine
        self.clock = clock
        self.lifetime = lifetime
        # Sessions this process read alive: only these are ever updated, so a session ended
        # meanwhile is never written back, and an id the server did not issue never stored.
        self._seen: OrderedDict[str, _Seen] = OrderedDict()
        self._lock = threading.Lock()

    async def read(self, session_id: str, lifetime: int) -> bytes:
        """Every request's one trip to a worker thread: asyncio's own pool, whose hand-off
        costs half of anyio's (this is the hottest read there is)."""
        return await asyncio.get_running_loop().run_in_executor(None, self._read, session_id)

    async def write(self, session_id: str, data: bytes, lifetime: int, ttl: int) -> str:
        if self._unchanged(session_id, data):  # most requests: nothing to write, no thread
            return session_id
        return await run_sync(self._write, session_id, data)

    async def remove(self, session_id: str) -> None:
        await run_sync(self._remove, session_id)

    def end_sessions_of(self, account_id: int) -> int:
        with self.engine.begin() as conn:
            ended = conn.execute(
                delete(web_sessions).where(web_sessions.c.account_id == account_id)
            )
        return ended.rowcount or 0

    def _read(self, session_id: str) -> bytes:
        """The session's data, with who it signs in when it names an account."""
        key = digest(session_id)
        with self.engine.connect() as conn:
            row = one_statement(conn).execute(SESSION_BY_DIGEST, {"key": key}).first()
        if row is None:
            return b""
        now = self.clock.now()
        if not self.lifetime.alive(row.created_at, row.last_seen_at, now):
            self._remove(session_id)
            return b""
        data: bytes = str(row.data).encode()
        with self._lock:
            self._seen[key] = _Seen(data, row.created_at, row.last_seen_at)
            self._seen.move_to_end(key)
            while len(self._seen) > REMEMBERED:
                self._seen.popitem(last=False)
        if row.account_id is None:
            return data
        return with_signed_in(data, versioned_viewer_from(row))

    def _unchanged(self, session_id: str, data: bytes) -> bool:
        """A session read alive whose data is the same and whose last use was written down
        recently enough: the row needs no write."""
        with self._lock:
            seen = self._seen.get(digest(session_id))
        return (
            seen is not None
            and seen.data == data
            and not self.lifetime.touch_due(seen.last_seen_at, self.clock.now())
        )

    def _write(self, session_id: str, data: bytes) -> str:
        now = self.clock.now()
        key = digest(session_id)
        with self._lock:
            seen = self._seen.get(key)
        if seen is None:
            return self._create(data, now)
        values = {
            "data": data.decode(),
            "account_id": account_of(data),
            "last_seen_at": now,
            "expires_at": self.lifetime.expires_at(seen.created_at, now),
        }
        with self.engine.begin() as conn:  # a session ended meanwhile stays ended
            conn.execute(update(web_sessions).where(web_sessions.c.id_digest == key), values)
        with self._lock:
            self._seen[key] = _Seen(data, seen.created_at, now)
        return session_id

    def _create(self, data: bytes, now: datetime) -> str:
        """A new session always gets a new id from here (never one a browser offered)."""
        session_id = secrets.token_urlsafe(32)
        row = {
            "id_digest": digest(session_id),
            "account_id": account_of(data),
            "data": data.decode(),
            "created_at": now,
            "last_seen_at": now,
            "expires_at": self.lifetime.expires_at(now, now),
        }
        with self.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now))
            conn.execute(insert(web_sessions).values(row))
        return session_id

    def _remove(self, session_id: str) -> None:
        key = digest(session_id)
        with self._lock:
            self._seen.pop(key, None)
        with self.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.id_digest == key))
