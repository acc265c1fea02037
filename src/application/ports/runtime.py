"""Runtime ports: the clock, the sync lock, the sync queue and password hashing."""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Protocol

from domain.sync_run import SyncTrigger


class Clock(Protocol):
    def now(self) -> datetime: ...
    def today(self) -> date: ...


class SyncLock(Protocol):
    """At most one sync per key (a teacher or a district) at a time, across processes."""

    def hold(self, key: str) -> AbstractContextManager[bool]:
        """Enter yields True when this caller holds the lock, False when someone else does."""
        ...

    def hold_many(self, keys: Collection[str]) -> AbstractContextManager[frozenset[str]]:
        """Like ``hold`` for many keys at once (the district job's batches of teachers): enter
        yields the keys this caller now holds; the others are held by someone else."""
        ...


class SyncQueue(Protocol):
    def enqueue_teacher_sync(self, teacher_id: str, trigger: SyncTrigger, run_id: int) -> None: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str, password: str) -> bool: ...
