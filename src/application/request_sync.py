"""RequestSync: the "Sync with Clever" button."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from application.errors import ActiveRunExists
from application.ports import Clock, SyncQueue, UnitOfWork, UnitOfWorkFactory
from application.premium import teacher_has_premium
from application.results import (
    CleverNotLinked,
    PremiumRequired,
    RecentSync,
    SyncAlreadyRunning,
    SyncResult,
    SyncStarted,
)
from domain.accounts import Role
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger


@dataclass(frozen=True, slots=True)
class RequestSyncCommand:
    account_id: int
    # A paused class was resumed: it catches up now, however recent the last manual sync.
    catching_up: bool = False


class RequestSync:
    """A linked Premium teacher gets a queued run; a second click joins the one in flight, and
    one within ``min_interval`` of the last manual run's end gets that run back (so one teacher
    clicking, or scripting, cannot keep Clever and the workers busy for a whole district)."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        queue: SyncQueue,
        clock: Clock,
        min_interval: timedelta = timedelta(0),
    ) -> None:
        self.uow = uow
        self.queue = queue
        self.clock = clock
        self.min_interval = min_interval

    def __call__(self, command: RequestSyncCommand) -> SyncResult | RecentSync:
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
            recent = None if command.catching_up else self._recent(uow, teacher.clever_id)
            if recent is not None:
                return recent
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
            latest = uow.sync_runs.get(run.id) or run
        return SyncStarted(latest, self._next_allowed(latest))

    def _recent(self, uow: UnitOfWork, teacher_id: str) -> RecentSync | None:
        if not self.min_interval:
            return None
        last = next(iter(uow.sync_runs.latest_for_teacher(teacher_id, 1)), None)
        # A failed run brought nothing up to date: the teacher may try again at once.
        if last is None or last.trigger is not SyncTrigger.MANUAL:
            return None
        if last.status is SyncStatus.FAILED:
            return None
        allowed = self._next_allowed(last)
        if allowed is None or allowed <= self.clock.now():
            return None
        return RecentSync(last, allowed)

    def _next_allowed(self, run: SyncRun) -> datetime | None:
        if run.finished_at is None:
            return None
        return run.finished_at + self.min_interval

    def _join_running(self, teacher_id: str) -> SyncAlreadyRunning:
        with self.uow() as uow:
            active = uow.sync_runs.active_for_teacher(teacher_id)
        return SyncAlreadyRunning(active.id if active and active.id else 0)
