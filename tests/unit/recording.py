"""A memory unit of work that remembers every change set it was asked to write."""

from __future__ import annotations

from datetime import datetime

from adapters.memory.rosters import FakeRosterRepository
from adapters.memory.store import MemoryStore
from adapters.memory.unit_of_work import FakeUnitOfWork, FakeUnitOfWorkFactory
from domain.changeset import ChangeSet


class RecordingRosterRepository(FakeRosterRepository):
    """The memory repository, remembering every change set it was asked to write."""

    def __init__(self, store: MemoryStore, applied: list[ChangeSet]) -> None:
        super().__init__(store)
        self.applied = applied

    def apply(self, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
        super().apply(changes, sync_run_id, at)
        self.applied.append(changes)


class RecordingUnitOfWorkFactory(FakeUnitOfWorkFactory):
    def __init__(self) -> None:
        super().__init__(MemoryStore())
        self.applied: list[ChangeSet] = []

    def __call__(self) -> FakeUnitOfWork:
        uow = super().__call__()
        uow.rosters = RecordingRosterRepository(self.store, self.applied)
        return uow
