"""RequestSync: the "Sync with Clever" button."""

from __future__ import annotations

from dataclasses import dataclass

from application.errors import ActiveRunExists
from application.ports import Clock, SyncQueue, UnitOfWorkFactory
from application.premium import teacher_has_premium
from application.results import (
    CleverNotLinked,
    PremiumRequired,
    SyncAlreadyRunning,
    SyncResult,
    SyncStarted,
)
from domain.accounts import Role
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger


@dataclass(frozen=True, slots=True)
class RequestSyncCommand:
    account_id: int


class RequestSync:
    """A linked Premium teacher gets a queued run; a second click joins the one in flight."""

    def __init__(self, uow: UnitOfWorkFactory, queue: SyncQueue, clock: Clock) -> None:
        self.uow = uow
        self.queue = queue
        self.clock = clock

    def __call__(self, command: RequestSyncCommand) -> SyncResult:
        with self.uow() as uow:
            account = uow.accounts.get(command.account_id)
            if account is None or account.role is not Role.TEACHER or account.clever_id is None:
                return CleverNotLinked()
            teacher = uow.rosters.get_teacher(account.clever_id)
            if teacher is None:
                return CleverNotLinked()
            if not teacher_has_premium(uow, teacher, self.clock.today()):
                return PremiumRequired()
            active = uow.sync_runs.active_for_teacher(teacher.clever_id)
            if active is not None and active.id is not None:
                return SyncAlreadyRunning(active.id)
            queued = SyncRun(
                id=None,
                teacher_id=teacher.clever_id,
                district_id=teacher.district_id,
                trigger=SyncTrigger.MANUAL,
                status=SyncStatus.QUEUED,
                started_at=self.clock.now(),
            )
            try:
                run = uow.sync_runs.add(queued)
                uow.commit()
            except ActiveRunExists:
                return self._join_running(teacher.clever_id)
        assert run.id is not None
        self.queue.enqueue_teacher_sync(teacher.clever_id, SyncTrigger.MANUAL, run.id)
        with self.uow() as uow:
            latest = uow.sync_runs.get(run.id)
        return SyncStarted(latest or run)

    def _join_running(self, teacher_id: str) -> SyncAlreadyRunning:
        with self.uow() as uow:
            active = uow.sync_runs.active_for_teacher(teacher_id)
        return SyncAlreadyRunning(active.id if active and active.id else 0)
