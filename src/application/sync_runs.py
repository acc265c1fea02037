"""Recording sync runs and applying a snapshot to one teacher's classes."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports import Clock, UnitOfWork, UnitOfWorkFactory
from domain.changeset import ChangeSet
from domain.reconcile import SyncScope, reconcile
from domain.roster import Teacher
from domain.snapshot import RosterSnapshot
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger


def start_run(
    uow: UnitOfWork, teacher: Teacher, trigger: SyncTrigger, clock: Clock, run_id: int | None
) -> SyncRun:
    """Take over the run queued for this sync, or else any unfinished run of the teacher, else
    open a new one. The caller holds the teacher's lock, so an unfinished run is one still waiting
    in the queue (or abandoned): opening a second one would hit ActiveRunExists."""
    existing = uow.sync_runs.get(run_id) if run_id is not None else None
    if existing is None or existing.status.finished:
        existing = uow.sync_runs.active_for_teacher(teacher.clever_id)
    if existing is not None:
        running = existing.running()
        uow.sync_runs.update(running)
        return running
    return uow.sync_runs.add(
        SyncRun(
            id=None,
            teacher_id=teacher.clever_id,
            district_id=teacher.district_id,
            trigger=trigger,
            status=SyncStatus.RUNNING,
            started_at=clock.now(),
        )
    )


def snapshot_scope(
    state_section_ids: set[str], snapshot: RosterSnapshot
) -> tuple[set[str], set[str]]:
    """Sections and people a reconcile must load from storage for this snapshot."""
    sections = (
        state_section_ids | {s.id for s in snapshot.sections} | set(snapshot.gone_section_ids)
    )
    people = set(snapshot.people)
    for section in snapshot.sections:
        people.update(section.all_teacher_ids)
        people.update(section.student_ids)
    return sections, people


@dataclass
class RunRecorder:
    """Finishes runs: applied, held, failed or skipped, each in its own unit of work."""

    uow: UnitOfWorkFactory
    clock: Clock

    def preview(self, teacher: Teacher, snapshot: RosterSnapshot, scope: SyncScope) -> ChangeSet:
        with self.uow() as uow:
            return self._reconcile(uow, teacher, snapshot, scope)

    def apply(
        self, run: SyncRun, teacher: Teacher, snapshot: RosterSnapshot, scope: SyncScope
    ) -> SyncRun:
        with self.uow() as uow:
            changes = self._reconcile(uow, teacher, snapshot, scope)
            return self._land(uow, run, changes, allow_hold=True)

    def apply_changes(self, run: SyncRun, changes: ChangeSet) -> SyncRun:
        with self.uow() as uow:
            return self._land(uow, run, changes, allow_hold=False)

    def fail(self, run: SyncRun, message: str) -> SyncRun:
        with self.uow() as uow:
            failed = run.fail(message, self.clock.now())
            uow.sync_runs.update(failed)
            uow.commit()
            return failed

    def skip(self, run: SyncRun, message: str) -> SyncRun:
        with self.uow() as uow:
            skipped = run.skip(message, self.clock.now())
            uow.sync_runs.update(skipped)
            uow.commit()
            return skipped

    def _reconcile(
        self, uow: UnitOfWork, teacher: Teacher, snapshot: RosterSnapshot, scope: SyncScope
    ) -> ChangeSet:
        known = uow.rosters.section_ids_of_teacher(teacher.clever_id)
        sections, people = snapshot_scope(known, snapshot)
        people.add(teacher.clever_id)
        state = uow.rosters.load_state(sections, {teacher.clever_id}, people)
        return reconcile(state, snapshot, scope)

    def _land(self, uow: UnitOfWork, run: SyncRun, changes: ChangeSet, allow_hold: bool) -> SyncRun:
        now = self.clock.now()
        assert run.id is not None
        if allow_hold and changes.held:
            finished = run.hold(changes, now)
        else:
            uow.rosters.apply(changes, run.id, now)
            finished = run.finish(changes, now)
        uow.sync_runs.update(finished)
        uow.commit()
        return finished
