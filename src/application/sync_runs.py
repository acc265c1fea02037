"""Recording sync runs and applying a snapshot to one teacher's classes."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Protocol

from application.errors import ActiveRunExists
from application.ports import Clock, UnitOfWork, UnitOfWorkFactory
from domain.changeset import ChangeSet
from domain.decide import apply_decisions
from domain.problems import Problem
from domain.reconcile import SyncScope, reconcile
from domain.roster import RosterState, Teacher
from domain.snapshot import RosterSnapshot
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS, ArchiveReason

log = logging.getLogger(__name__)

# Students a sync in this batch already brought in line, with the problems their records gave.
Settled = dict[str, tuple[Problem, ...]]


def landing_part(changes: ChangeSet) -> ChangeSet:
    """What a sync writes now: all of it, or only the additions while it is held (rule 10)."""
    return changes.additions() if changes.held else changes


class TeacherSlicer(Protocol):
    def __call__(
        self, teacher_id: str, known: set[str], settled: Settled | None = None
    ) -> RosterSnapshot:
        """The part of a bigger snapshot one teacher's sync answers for. Settled students are
        left out (a reconcile would find them unchanged) but their problems are kept."""
        ...

    def scope(self, teacher_id: str, known: set[str]) -> tuple[set[str], set[str]]:
        """The section ids and people ids of that slice, without building it."""
        ...

    def rostered(self) -> frozenset[str] | None:
        """The only stored classes a slice may list, so the only ones whose enrollments a
        reconcile reads; None when any class of the teacher may be listed."""
        ...

    def carried(self, people: set[str]) -> set[str]:
        """Those of ``people`` a slice may bring Clever's record of (a reconcile compares it
        with the stored one); the others it only lists in sections."""
        ...


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
        with self._failed_on_error([run]), self.uow() as uow:
            changes = self._reconcile(uow, teacher, snapshot, scope)
            return self._land(uow, run, changes)

    def approve(self, run: SyncRun, changes: ChangeSet) -> SyncRun:
        """Land what a held run kept waiting, less what a decision made since keeps back; the
        run keeps the counts it was held with."""
        with self._failed_on_error([run]), self.uow() as uow:
            assert run.id is not None
            keys = (*changes.enrolled, *changes.restored, *changes.dropped)
            touched = {k.section_id for k in keys} | {
                *(c.section_id for c in changes.classes_updated),
                *changes.classes_archived,
                *changes.classes_restored,
                *(m.section_id for m in (*changes.memberships_added, *changes.memberships_removed)),
            }
            state = uow.rosters.load_state(touched, (), (), records=False)
            decided = apply_decisions(
                state, changes, RosterSnapshot(complete=False), self.clock.today()
            )
            now = self.clock.now()
            uow.rosters.apply(decided, run.id, now)
            approved = run.approve(changes, decided, now)
            uow.sync_runs.update(approved)
            uow.commit()
            return approved

    def apply_many(
        self,
        teachers: Sequence[Teacher],
        slice_for: TeacherSlicer,
        trigger: SyncTrigger,
        hold_threshold: float,
        term_end_archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS,
    ) -> list[SyncRun]:
        """Several teachers' syncs in one unit of work: one state load, one commit. Each is
        reconciled against the state the ones before it left, as if they ran one by one."""
        if not teachers:
            return []
        with self.uow() as uow:
            runs = start_runs(uow, teachers, trigger, self.clock)
            uow.commit()
        with self._failed_on_error(runs), self.uow() as uow:
            ids = [t.clever_id for t in teachers]
            state, candidates = _load_batch_state(uow, ids, slice_for)
            now, today = self.clock.now(), self.clock.today()
            finished: list[SyncRun] = []
            landing: list[tuple[ChangeSet, int]] = []
            settled: Settled = {}
            for teacher_id, run in zip(ids, runs, strict=True):
                assert run.id is not None
                known = {sid for sid in candidates[teacher_id] if _teaches(state, sid, teacher_id)}
                scope = SyncScope(
                    frozenset({teacher_id}), False, hold_threshold, today, term_end_archive_days
                )
                snapshot = slice_for(teacher_id, known, settled)
                _check_rosters_loaded(state, snapshot)
                changes = reconcile(state, snapshot, scope)
                finished.append(
                    run.hold(changes, now) if changes.held else run.finish(changes, now)
                )
                landed = landing_part(changes)
                landing.append((landed, run.id))
                advance(state, landed)
                settle(settled, snapshot, landed)
            uow.rosters.apply_many(landing, now)
            uow.sync_runs.update_many(finished)
            uow.commit()
            return finished

    @contextmanager
    def _failed_on_error(self, runs: Sequence[SyncRun]) -> Iterator[None]:
        """A run whose changes could not be stored ends failed, never left 'running' (which
        would turn the teacher's next "Sync with Clever" into "already running")."""
        try:
            yield
        except Exception:
            for run in runs:
                try:
                    self.fail(run, "the roster could not be stored; nothing was changed")
                except Exception:
                    log.warning("sync run %s: could not record the failure", run.id, exc_info=True)
            raise

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

    def _land(self, uow: UnitOfWork, run: SyncRun, changes: ChangeSet) -> SyncRun:
        now = self.clock.now()
        assert run.id is not None
        uow.rosters.apply(landing_part(changes), run.id, now)
        finished = run.hold(changes, now) if changes.held else run.finish(changes, now)
        uow.sync_runs.update(finished)
        uow.commit()
        return finished


def _load_batch_state(
    uow: UnitOfWork, teacher_ids: list[str], slice_for: TeacherSlicer
) -> tuple[RosterState, dict[str, set[str]]]:
    """Stored state for a batch of teachers, and per teacher the sections their sync may touch:
    those Clever lists them on and those stored as theirs (a later teacher of the batch can
    only gain sections Clever lists them on)."""
    listed = {t: slice_for.scope(t, set()) for t in teacher_ids}
    sections: set[str] = set()
    people: set[str] = set(teacher_ids)
    for more_sections, more_people in listed.values():
        sections |= more_sections
        people |= more_people
    # Every class of the batch's teachers comes (the mass-change hold counts them), but with
    # its enrollments only when a slice may list it. Records come apart, below.
    state = uow.rosters.load_state(
        sections, teacher_ids, people, slice_for.rostered(), records=False
    )
    candidates = {t: set(listed[t][0]) for t in teacher_ids}
    for section_id, members in state.teachers_of.items():
        for teacher_id in members:
            if teacher_id in candidates:
                candidates[teacher_id].add(section_id)
    wanted: set[str] = set(people)
    for teacher_id in teacher_ids:
        wanted |= slice_for.scope(teacher_id, candidates[teacher_id])[1]
    # A reconcile compares the records a slice carries with the stored ones; a listed student
    # with an enrollment in a loaded class is known to be stored (reconcile counts them so),
    # so an unchanged student's record is not read.
    seated = {pid for seats in state.enrollments.values() for pid in seats}
    records = uow.rosters.load_state((), (), slice_for.carried(wanted) | (wanted - seated))
    state.students.update(records.students)
    state.teachers.update(records.teachers)
    return state, candidates


def _check_rosters_loaded(state: RosterState, snapshot: RosterSnapshot) -> None:
    """A stored class reconciled without its enrollments would have every student enrolled
    again: refuse rather than write that."""
    for section in snapshot.sections:
        if section.id in state.classes and section.id not in state.enrollments:
            raise RuntimeError(f"section {section.id} was sliced but its roster was not loaded")


def _teaches(state: RosterState, section_id: str, teacher_id: str) -> bool:
    return teacher_id in state.teachers_of.get(section_id, ())


def settle(settled: Settled, snapshot: RosterSnapshot, changes: ChangeSet) -> None:
    """Once ``changes`` landed, the stored record of every student of ``snapshot`` is what
    Clever says: another teacher's sync of the batch needs only their problems."""
    given = set(snapshot.problems)
    found: dict[str, list[Problem]] = {}
    for problem in changes.problems:
        if problem.record_type == "student" and problem not in given:
            found.setdefault(problem.clever_id, []).append(problem)
    for person in snapshot.people.values():
        if person.role == "student":
            settled[person.id] = tuple(found.get(person.id, ()))


def advance(state: RosterState, changes: ChangeSet) -> None:
    """Bring ``state`` to what it is once ``changes`` landed, as the roster repository writes
    them: claims, a teacher's own class name and a rostering flag are never taken away."""
    for teacher in changes.teachers:
        stored = state.teachers.get(teacher.clever_id)
        state.teachers[teacher.clever_id] = replace(
            teacher,
            account_id=stored.account_id if stored else teacher.account_id,
            rostering_started=teacher.rostering_started
            or (stored is not None and stored.rostering_started),
        )
    for student in changes.students:
        stored_student = state.students.get(student.clever_id)
        account_id = stored_student.account_id if stored_student else None
        state.students[student.clever_id] = replace(student, account_id=account_id)
    for klass in (*changes.classes_created, *changes.classes_updated):
        stored_class = state.classes.get(klass.section_id)
        custom = stored_class.custom_name if stored_class else klass.custom_name
        keeps = stored_class.kept_after_term if stored_class else klass.kept_after_term
        state.classes[klass.section_id] = replace(klass, custom_name=custom, kept_after_term=keeps)
        state.teachers_of.setdefault(klass.section_id, set())
        state.enrollments.setdefault(klass.section_id, {})
    for reason, archived in (
        (ArchiveReason.SECTION_GONE, changes.classes_archived),
        (ArchiveReason.TERM_ENDED, changes.classes_term_ended),
    ):
        for section_id in archived:
            klass = state.classes[section_id]
            state.classes[section_id] = replace(klass, archived=True, archived_reason=reason)
    for section_id in changes.classes_restored:
        klass = state.classes[section_id]
        state.classes[section_id] = replace(klass, archived=False, archived_reason=None)
    for m in changes.memberships_added:
        state.teachers_of.setdefault(m.section_id, set()).add(m.teacher_id)
    for m in changes.memberships_removed:
        state.teachers_of.get(m.section_id, set()).discard(m.teacher_id)
    for section_id, notes in changes.waiting:
        if section_id in state.modes:
            state.modes[section_id] = replace(state.modes[section_id], waiting=notes)
    for key in changes.exceptions_ended:
        state.exceptions.get(key.section_id, {}).pop(key.student_id, None)
    for key, listed in changes.exceptions_seen:
        kept = state.exceptions.get(key.section_id, {})
        if key.student_id in kept:
            kept[key.student_id] = replace(kept[key.student_id], clever_lists=listed)
    for keys, active in (
        (changes.enrolled, True),
        (changes.restored, True),
        (changes.dropped, False),
    ):
        for key in keys:
            state.enrollments.setdefault(key.section_id, {})[key.student_id] = active
