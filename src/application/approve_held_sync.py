"""ApproveHeldSync: a teacher lets a held mass change land."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports import Clock, SyncLock, UnitOfWorkFactory
from application.premium import teacher_has_premium
from application.results import NotFound, PremiumRequired, SyncAlreadyRunning, SyncStarted
from application.sync_runs import RunRecorder
from domain.sync_run import SyncStatus


@dataclass(frozen=True, slots=True)
class ApproveHeldSyncCommand:
    run_id: int
    teacher_id: str


class ApproveHeldSync:
    """Only the teacher whose sync was held, and only their latest run, can be approved."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, lock: SyncLock) -> None:
        self.uow = uow
        self.lock = lock
        self.clock = clock
        self.runs = RunRecorder(uow, clock)

    def __call__(
        self, command: ApproveHeldSyncCommand
    ) -> SyncStarted | NotFound | SyncAlreadyRunning | PremiumRequired:
        with self.lock.hold(f"teacher:{command.teacher_id}") as acquired:
            if not acquired:
                return SyncAlreadyRunning(0)
            with self.uow() as uow:
                run = uow.sync_runs.get(command.run_id)
                latest = uow.sync_runs.latest_for_teacher(command.teacher_id, 1)
                teacher = uow.rosters.get_teacher(command.teacher_id)
                licensed = teacher is not None and teacher_has_premium(
                    uow, teacher, self.clock.today()
                )
            if run is None or run.teacher_id != command.teacher_id:
                return NotFound("No such sync run.")
            if run.status is not SyncStatus.HELD or run.held_changes is None:
                return NotFound("That sync run is not waiting for approval.")
            if not licensed:
                return PremiumRequired()
            if not latest or latest[0].id != run.id:
                return NotFound("A newer sync has run since; sync again to review the changes.")
            return SyncStarted(self.runs.approve(run, run.held_changes))
