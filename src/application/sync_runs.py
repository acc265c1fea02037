"""Recording sync runs and applying a snapshot to one teacher's classes."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from application.ports import Clock, UnitOfWork, UnitOfWorkFactory
from application.run_start import start_runs
from application.sync_state import (
    check_rosters_loaded,
    load_batch_state,
    settle,
    snapshot_scope,
    teaches,
)
from domain.changeset import ChangeSet
from domain.decide import apply_decisions
from domain.landing import advance
from domain.problems import Problem
from domain.reconcile import DEFAULT_HOLD_THRESHOLD, SyncScope, reconcile
from domain.roster import Teacher
from domain.snapshot import RosterSnapshot
from domain.sync_run import SyncRun, SyncTrigger
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS

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

    def reached(self) -> frozenset[str] | None:
        """The only stored classes a teacher's sync may change, listed or not (None: any class
        of the teacher). The teacher's other classes are loaded as ids: the hold counts them."""
        ...


@dataclass
class RunRecorder:
    """Finishes runs: applied, held, failed or skipped, each in its own unit of work."""

    uow: UnitOfWorkFactory
    clock: Clock
    hold_threshold: float = DEFAULT_HOLD_THRESHOLD
    term_end_archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS

    def scope(self, teacher_id: str, start_rostering: bool, today: date | None = None) -> SyncScope:
        """The rules one teacher's sync runs under ``today`` (the clock's, unless given)."""
        return SyncScope(
            frozenset({teacher_id}),
            start_rostering,
            self.hold_threshold,
            today or self.clock.today(),
            self.term_end_archive_days,
        )

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
            state, candidates = load_batch_state(uow, ids, slice_for)
            # One moment for the whole batch: every teacher's rules run on the same day.
            now, today = self.clock.now(), self.clock.today()
            finished: list[SyncRun] = []
            landing: list[tuple[ChangeSet, int]] = []
            settled: Settled = {}
            for teacher_id, run in zip(ids, runs, strict=True):
                assert run.id is not None
                known = {sid for sid in candidates[teacher_id] if teaches(state, sid, teacher_id)}
                snapshot = slice_for(teacher_id, known, settled)
                check_rosters_loaded(state, snapshot)
                changes = reconcile(state, snapshot, self.scope(teacher_id, False, today))
                finished.append(
                    run.hold(changes, now) if changes.held else run.finish(changes, now)
                )
                landed = landing_part(changes)
                landing.append((landed, run.id))
                advance(state, landed, now)
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
