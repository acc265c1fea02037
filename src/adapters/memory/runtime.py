"""In-memory clock, lock and queue (test doubles; the production clock is adapters.clock)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from domain.sync_run import SyncTrigger


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 9, 1, 8, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def today(self) -> date:
        return self.current.date()

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class FakeSyncLock:
    """Process-local locks by key; non-blocking, like the database lock it stands in for."""

    def __init__(self) -> None:
        self._held: set[str] = set()
        self._mutex = threading.Lock()

    @contextmanager
    def hold(self, key: str) -> Iterator[bool]:
        with self._mutex:
            acquired = key not in self._held
            if acquired:
                self._held.add(key)
        try:
            yield acquired
        finally:
            if acquired:
                with self._mutex:
                    self._held.discard(key)

    @contextmanager
    def hold_many(self, keys: Collection[str]) -> Iterator[frozenset[str]]:
        with self._mutex:
            acquired = frozenset(keys) - self._held
            self._held |= acquired
        try:
            yield acquired
        finally:
            with self._mutex:
                self._held -= acquired


class FakeSyncQueue:
    """Records what was enqueued and, when given a runner, runs it at once (eager)."""

    def __init__(
        self, run_teacher: Callable[[str, SyncTrigger, int], object] | None = None
    ) -> None:
        self.teacher_syncs: list[tuple[str, SyncTrigger, int]] = []
        self.run_teacher = run_teacher

    def enqueue_teacher_sync(self, teacher_id: str, trigger: SyncTrigger, run_id: int) -> None:
        self.teacher_syncs.append((teacher_id, trigger, run_id))
        if self.run_teacher is not None:
            self.run_teacher(teacher_id, trigger, run_id)
