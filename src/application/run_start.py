"""Opening sync runs: one per teacher's sync, taking over a run still waiting in the queue."""

from __future__ import annotations

from collections.abc import Sequence

from application.errors import ActiveRunExists
from application.ports import Clock, UnitOfWork
from domain.roster import Teacher
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger


def start_run(
    uow: UnitOfWork, teacher: Teacher, trigger: SyncTrigger, clock: Clock, run_id: int | None
) -> SyncRun:
    """Take over the run queued for this sync, or else any unfinished run of the teacher, else
    open a new one. The caller holds the teacher's lock, so an unfinished run is one still waiting
    in the queue (or abandoned): opening a second one would hit ActiveRunExists."""
    existing = uow.sync_runs.get(run_id) if run_id is not None else None
    if existing is None or existing.status.finished:
        # Most teachers have no unfinished run: try the insert first, one statement each.
        try:
            return uow.sync_runs.add(_new_run(teacher, trigger, clock))
        except ActiveRunExists:
            existing = uow.sync_runs.active_for_teacher(teacher.clever_id)
            if existing is None:
                raise
    running = existing.running()
    uow.sync_runs.update(running)
    return running


def _new_run(teacher: Teacher, trigger: SyncTrigger, clock: Clock) -> SyncRun:
    return SyncRun(
        id=None,
        teacher_id=teacher.clever_id,
        district_id=teacher.district_id,
        trigger=trigger,
        status=SyncStatus.RUNNING,
        started_at=clock.now(),
    )


def start_runs(
    uow: UnitOfWork, teachers: Sequence[Teacher], trigger: SyncTrigger, clock: Clock
) -> list[SyncRun]:
    """``start_run`` for many teachers: one insert for all, then a take-over for each teacher
    whose earlier run was still waiting."""
    added = uow.sync_runs.add_many([_new_run(t, trigger, clock) for t in teachers])
    return [
        run if run is not None else start_run(uow, teacher, trigger, clock, None)
        for teacher, run in zip(teachers, added, strict=True)
    ]
