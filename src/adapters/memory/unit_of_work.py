"""The in-memory unit of work: a snapshot of the store, restored unless committed."""

from __future__ import annotations

import threading
from typing import Self

from adapters.memory.repositories import (
    FakeAccountRepository,
    FakeLicenseRepository,
    FakeSyncRunRepository,
)
from adapters.memory.rosters import FakeRosterRepository
from adapters.memory.store import MemoryStore
from adapters.memory.student_data import FakeRetentionRepository, FakeStudentRecordRepository


class FakeUnitOfWork:
    _mutex = threading.RLock()

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.accounts = FakeAccountRepository(store)
        self.rosters = FakeRosterRepository(store)
        self.licenses = FakeLicenseRepository(store)
        self.sync_runs = FakeSyncRunRepository(store)
        self.retention = FakeRetentionRepository(store)
        self.student_records = FakeStudentRecordRepository(store)
        self.commits = 0
        self._backup: MemoryStore | None = None

    def __enter__(self) -> Self:
        self._mutex.acquire()
        self._backup = self.store.copy()
        return self

    def __exit__(self, *_: object) -> None:
        try:
            self.rollback()
        finally:
            self._mutex.release()

    def commit(self) -> None:
        self._backup = self.store.copy()
        self.commits += 1

    def rollback(self) -> None:
        if self._backup is not None:
            self.store.restore(self._backup.copy())


class FakeUnitOfWorkFactory:
    def __init__(self, store: MemoryStore | None = None) -> None:
        self.store = store or MemoryStore()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)
