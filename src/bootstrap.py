"""The composition root: Settings in, wired use cases out. Only entry points import this."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.reader import FakeRosterReader
from adapters.memory.runtime import FakeSyncLock, FakeSyncQueue, SystemClock
from adapters.memory.unit_of_work import FakeUnitOfWorkFactory
from adapters.settings import Settings
from application.approve_held_sync import ApproveHeldSync
from application.ports import (
    Clock,
    CleverDirectory,
    RosterReader,
    SyncLock,
    SyncQueue,
    UnitOfWorkFactory,
)
from application.preview_sync import PreviewSync
from application.premium_grants import GrantPremium
from application.rename_class import RenameClass
from application.request_sync import RequestSync
from application.sync_district import SyncDistrict
from application.sync_teacher import SyncTeacher, SyncTeacherCommand
from domain.sync_run import SyncTrigger


@dataclass
class Services:
    settings: Settings
    uow: UnitOfWorkFactory
    reader: RosterReader
    directory: CleverDirectory
    clock: Clock
    lock: SyncLock
    queue: SyncQueue
    sync_teacher: SyncTeacher
    sync_district: SyncDistrict
    request_sync: RequestSync
    preview_sync: PreviewSync
    approve_held_sync: ApproveHeldSync
    grant_premium: GrantPremium
    rename_class: RenameClass


def in_memory(settings: Settings | None = None, directory: CleverDirectory | None = None) -> Services:
    """Everything in memory: for tests of the driving adapters."""
    factory = FakeUnitOfWorkFactory()
    return wire(
        settings or Settings(),
        uow=factory,
        reader=FakeRosterReader(factory.store),
        directory=directory or FakeCleverDirectory(),
        clock=SystemClock(),
        lock=FakeSyncLock(),
    )


def wire(
    settings: Settings,
    *,
    uow: UnitOfWorkFactory,
    reader: RosterReader,
    directory: CleverDirectory,
    clock: Clock,
    lock: SyncLock,
    queue: SyncQueue | None = None,
) -> Services:
    threshold = settings.hold_threshold
    sync_teacher = SyncTeacher(uow, directory, clock, lock, threshold)
    eager = FakeSyncQueue(
        run_teacher=lambda tid, trigger, run_id: sync_teacher(
            SyncTeacherCommand(tid, SyncTrigger(trigger), run_id)
        )
    )
    chosen = queue or eager
    return Services(
        settings=settings,
        uow=uow,
        reader=reader,
        directory=directory,
        clock=clock,
        lock=lock,
        queue=chosen,
        sync_teacher=sync_teacher,
        sync_district=SyncDistrict(uow, directory, clock, lock, threshold),
        request_sync=RequestSync(uow, chosen, clock),
        preview_sync=PreviewSync(uow, directory, clock, threshold),
        approve_held_sync=ApproveHeldSync(uow, clock, lock),
        grant_premium=GrantPremium(uow, clock),
        rename_class=RenameClass(uow),
    )
