"""PreviewSync: what a sync would change, without changing anything."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports import CleverDirectory, Clock, UnitOfWorkFactory
from application.premium import teacher_has_premium
from application.results import PremiumRequired, TeacherNotFound
from application.sync_runs import RunRecorder
from domain.changeset import ChangeSet
from domain.reconcile import DEFAULT_HOLD_THRESHOLD
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS


@dataclass(frozen=True, slots=True)
class PreviewSyncCommand:
    teacher_id: str


class PreviewSync:
    """The same reconciliation a manual sync runs, answered instead of applied."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        directory: CleverDirectory,
        clock: Clock,
        hold_threshold: float = DEFAULT_HOLD_THRESHOLD,
        term_end_archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS,
    ) -> None:
        self.uow = uow
        self.directory = directory
        self.clock = clock
        self.runs = RunRecorder(uow, clock, hold_threshold, term_end_archive_days)

    def __call__(
        self, command: PreviewSyncCommand
    ) -> ChangeSet | PremiumRequired | TeacherNotFound:
        with self.uow() as uow:
            teacher = uow.rosters.get_teacher(command.teacher_id)
            if teacher is None:
                return TeacherNotFound(command.teacher_id)
            if not teacher_has_premium(uow, teacher, self.clock.today()):
                return PremiumRequired()
            known = uow.rosters.section_ids_of_teacher(teacher.clever_id)
        snapshot = self.directory.teacher_roster(teacher.district_id, teacher.clever_id, known)
        return self.runs.preview(teacher, snapshot, self.runs.scope(teacher.clever_id, True))
