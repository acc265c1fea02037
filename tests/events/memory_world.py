"""The events sync on in-memory storage and a fake clock, reading the sandbox over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import bootstrap
from adapters.clever import HttpxCleverDirectory, HttpxCleverOAuth
from adapters.clever.events import HttpxCleverEvents
from adapters.memory.reader import FakeRosterReader
from adapters.memory.runtime import FakeClock, FakeSyncLock
from adapters.memory.sync_cursors import FakeSyncCursorStore
from adapters.memory.unit_of_work import FakeUnitOfWorkFactory
from adapters.settings import Settings
from application.ports import CleverEvents
from application.premium_grants import GrantPremiumCommand
from application.results import SyncStarted
from application.sync_district import DistrictSyncResult, SyncDistrictCommand
from application.sync_teacher import SyncTeacherCommand
from clever_sandbox.server import RunningSandbox
from domain.licensing import LicenseScope


@dataclass
class MemoryWorld:
    clever: RunningSandbox
    services: bootstrap.Services
    clock: FakeClock
    lock: FakeSyncLock
    cursors: FakeSyncCursorStore
    directory: HttpxCleverDirectory

    @property
    def district_id(self) -> str:
        return self.clever.sandbox.districts[0]

    def sync(self) -> DistrictSyncResult:
        return self.services.sync_district(SyncDistrictCommand(self.district_id))

    def start_rostering(self, teacher_ids: list[str], *, district_premium: bool = True) -> None:
        if district_premium:
            self.grant(LicenseScope.DISTRICT, self.district_id)
        for teacher_id in teacher_ids:
            result = self.services.sync_teacher(SyncTeacherCommand(teacher_id))
            assert isinstance(result, SyncStarted), result

    def grant(self, scope: LicenseScope, clever_id: str) -> None:
        self.services.grant_premium(GrantPremiumCommand(scope, clever_id))

    def close(self) -> None:
        self.directory.close()


def memory_world(
    clever: RunningSandbox,
    page_size: int = 10_000,
    events: Callable[[HttpxCleverEvents], CleverEvents] = lambda real: real,
    **settings: object,
) -> MemoryWorld:
    factory = FakeUnitOfWorkFactory()
    clock = FakeClock()
    lock = FakeSyncLock()
    cursors = FakeSyncCursorStore()
    oauth = HttpxCleverOAuth(clever.url, "sandbox-client-id", "sandbox-client-secret")
    directory = HttpxCleverDirectory(clever.url, oauth, page_size=page_size)
    services = bootstrap.wire(
        Settings(env="test", **settings),  # type: ignore[arg-type]
        uow=factory,
        reader=FakeRosterReader(factory.store),
        directory=directory,
        clock=clock,
        lock=lock,
        events=events(HttpxCleverEvents(directory)),
        cursors=cursors,
    )
    return MemoryWorld(clever, services, clock, lock, cursors, directory)
