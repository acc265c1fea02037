"""SyncTeacher: bring one teacher's classes in line with their Clever sections."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from application.errors import CleverError
from application.ports import CleverDirectory, Clock, SyncLock, UnitOfWorkFactory
from application.premium import teacher_has_premium
from application.results import (
    PremiumRequired,
    SyncAlreadyRunning,
    SyncResult,
    SyncStarted,
    TeacherNotFound,
)
from application.run_start import start_run
from application.sync_runs import RunRecorder
from domain.reconcile import DEFAULT_HOLD_THRESHOLD
from domain.roster import Teacher
from domain.sync_run import SyncTrigger
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncTeacherCommand:
    teacher_id: str
    trigger: SyncTrigger = SyncTrigger.MANUAL
    run_id: int | None = None


class SyncTeacher:
    """A manual sync starts rostering; a scheduled one only covers teachers who synced once."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        directory: CleverDirectory,
        clock: Clock,
        lock: SyncLock,
        hold_threshold: float = DEFAULT_HOLD_THRESHOLD,
        term_end_archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS,
    ) -> None:
        self.uow = uow
        self.directory = directory
        self.clock = clock
        self.lock = lock
        self.runs = RunRecorder(uow, clock, hold_threshold, term_end_archive_days)

    def __call__(self, command: SyncTeacherCommand) -> SyncResult:
        teacher = find_or_fetch_teacher(self.uow, self.directory, command.teacher_id)
        if teacher is None:
            return TeacherNotFound(command.teacher_id)
        with self.lock.hold(f"teacher:{teacher.clever_id}") as acquired:
            if not acquired:
                with self.uow() as uow:
                    active = uow.sync_runs.active_for_teacher(teacher.clever_id)
                return SyncAlreadyRunning(active.id if active and active.id else 0)
            return self._sync(teacher, command)

    def _sync(self, teacher: Teacher, command: SyncTeacherCommand) -> SyncResult:
        manual = command.trigger is SyncTrigger.MANUAL
        with self.uow() as uow:
            if not teacher_has_premium(uow, teacher, self.clock.today()):
                if command.run_id is not None and (queued := uow.sync_runs.get(command.run_id)):
                    uow.sync_runs.update(queued.skip("Premium licence required", self.clock.now()))
                    uow.commit()
                return PremiumRequired()
            run = start_run(uow, teacher, command.trigger, self.clock, command.run_id)
            uow.commit()
            known = uow.rosters.section_ids_of_teacher(teacher.clever_id)
        if not manual and not teacher.rostering_started:
            return SyncStarted(self.runs.skip(run, "rostering starts with a manual sync"))
        try:
            snapshot = self.directory.teacher_roster(teacher.district_id, teacher.clever_id, known)
        except CleverError as exc:
            log.warning("sync run %s: Clever fetch failed (%s)", run.id, type(exc).__name__)
            return SyncStarted(self.runs.fail(run, f"Clever could not be read: {exc}"))
        scope = self.runs.scope(teacher.clever_id, manual)
        return SyncStarted(self.runs.apply(run, teacher, snapshot, scope))


def find_or_fetch_teacher(
    uow_factory: UnitOfWorkFactory, directory: CleverDirectory, clever_id: str
) -> Teacher | None:
    """A teacher already stored, or one looked up in Clever and recorded now. A Clever that
    cannot be asked raises CleverError: that is not the same answer as "no such teacher"."""
    with uow_factory() as uow:
        teacher = uow.rosters.get_teacher(clever_id)
    if teacher is not None:
        return teacher
    person = directory.find_person(clever_id)
    if person is None or person.role != "teacher":
        return None
    with uow_factory() as uow:
        if uow.rosters.get_teacher(clever_id) is None:
            uow.rosters.save_teacher(
                Teacher(person.id, person.district_id, person.name, person.email, person.school_ids)
            )
            uow.commit()
        return uow.rosters.get_teacher(clever_id)
