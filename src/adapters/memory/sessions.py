"""Signed-in sessions in a dict, with the same rules as the SQL store (tests, in-memory runs).
Given ``viewers`` (a reader's ``roster_version_and_viewer``), a loaded session carries who it
signs in, as the SQL store's does; without, the web app reads that itself."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from starsessions.stores.base import SessionStore

from application.ports import Clock, VersionedViewer
from application.sessions import SessionLifetime, account_of, digest, with_signed_in


@dataclass(frozen=True, slots=True)
class _Row:
    data: bytes
    account_id: int | None
    created_at: datetime
    last_seen_at: datetime


class FakeSessionStore(SessionStore):
    def __init__(
        self,
        clock: Clock,
        lifetime: SessionLifetime,
        viewers: Callable[[int], VersionedViewer | None] | None = None,
    ) -> None:
        self.clock = clock
        self.lifetime = lifetime
        self.viewers = viewers
        self.rows: dict[str, _Row] = {}

    async def read(self, session_id: str, lifetime: int) -> bytes:
        key = digest(session_id)
        row = self.rows.get(key)
        if row is None:
            return b""
        if not self.lifetime.alive(row.created_at, row.last_seen_at, self.clock.now()):
            del self.rows[key]
            return b""
        if self.viewers is None or row.account_id is None:
            return row.data
        return with_signed_in(row.data, self.viewers(row.account_id))

    async def write(self, session_id: str, data: bytes, lifetime: int, ttl: int) -> str:
        now = self.clock.now()
        key = digest(session_id)
        row = self.rows.get(key)
        if row is None:  # a new session: a new id, never one a browser offered
            session_id = secrets.token_urlsafe(32)
            self.rows[digest(session_id)] = _Row(data, account_of(data), now, now)
            return session_id
        if row.data == data and not self.lifetime.touch_due(row.last_seen_at, now):
            return session_id  # its last use was written down recently enough
        self.rows[key] = replace(row, data=data, account_id=account_of(data), last_seen_at=now)
        return session_id

    async def remove(self, session_id: str) -> None:
        self.rows.pop(digest(session_id), None)

    def end_sessions_of(self, account_id: int) -> int:
        ended = [key for key, row in self.rows.items() if row.account_id == account_id]
        for key in ended:
            del self.rows[key]
        return len(ended)
