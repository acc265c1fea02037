"""SyncDistrict: the daily job for one district."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from application.errors import CleverError
from application.ports import CleverDirectory, Clock, SyncLock, UnitOfWorkFactory
from application.premium import teacher_has_premium
from application.sync_runs import RunRecorder, start_run
from domain.reconcile import DEFAULT_HOLD_THRESHOLD, SyncScope
from domain.roster import Teacher
from domain.snapshot import RosterSnapshot
from domain.sync_run import SyncRun, SyncTrigger

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncDistrictCommand:
    district_id: str
    trigger: SyncTrigger = SyncTrigger.SCHEDULED


@dataclass(frozen=True, slots=True)
class DistrictSyncResult:
    district_id: str
    runs: tuple[SyncRun, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    error: str | None = None
    already_running: bool = False
    teachers: tuple[str, ...] = field(default=())


class IncrementalSync(Protocol):
    """Applies only what changed since the last sync, or else calls ``full_sync``."""

    def __call__(
        self,
        command: SyncDistrictCommand,
        full_sync: Callable[[SyncDistrictCommand], DistrictSyncResult],
    ) -> DistrictSyncResult: ...


class SyncDistrict:
    """One bulk pull serves every teacher who has synced before; others are left alone."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        directory: CleverDirectory,
        clock: Clock,
        lock: SyncLock,
        hold_threshold: float = DEFAULT_HOLD_THRESHOLD,
        incremental: IncrementalSync | None = None,
    ) -> None:
        self.uow = uow
        self.directory = directory
        self.clock = clock
        self.lock = lock
        self.hold_threshold = hold_threshold
        self.runs = RunRecorder(uow, clock)
        self.incremental = incremental

    def __call__(self, command: SyncDistrictCommand) -> DistrictSyncResult:
        with self.lock.hold(f"district:{command.district_id}") as acquired:
            if not acquired:
                return DistrictSyncResult(command.district_id, already_running=True)
            if self.incremental is not None:
                return self.incremental(command, self._sync)
            return self._sync(command)

    def _sync(self, command: SyncDistrictCommand) -> DistrictSyncResult:
        with self.uow() as uow:
            teachers = uow.rosters.rostering_teachers(command.district_id)
            eligible, skipped = [], []
            for teacher in teachers:
                if teacher_has_premium(uow, teacher, self.clock.today()):
                    eligible.append(teacher)
                else:
                    skipped.append((teacher.clever_id, "no active Premium licence"))
        if not eligible:
            return DistrictSyncResult(command.district_id, skipped=tuple(skipped))
        try:
            snapshot = self.directory.district_roster(command.district_id)
        except CleverError as exc:
            log.warning("district sync: Clever fetch failed (%s)", type(exc).__name__)
            return DistrictSyncResult(
                command.district_id,
                skipped=tuple(skipped),
                error=f"Clever could not be read: {exc}",
            )
        runs = [self._sync_teacher(t, snapshot, command.trigger) for t in eligible]
        return DistrictSyncResult(
            command.district_id,
            runs=tuple(r for r in runs if r is not None),
            skipped=tuple(skipped),
            teachers=tuple(t.clever_id for t in eligible),
        )

    def _sync_teacher(
        self, teacher: Teacher, district: RosterSnapshot, trigger: SyncTrigger
    ) -> SyncRun | None:
        with self.lock.hold(f"teacher:{teacher.clever_id}") as acquired:
            if not acquired:
                return None
            with self.uow() as uow:
                run = start_run(uow, teacher, trigger, self.clock, None)
                uow.commit()
                known = uow.rosters.section_ids_of_teacher(teacher.clever_id)
            snapshot = teacher_slice(district, teacher.clever_id, known)
            scope = SyncScope(frozenset({teacher.clever_id}), False, self.hold_threshold)
            return self.runs.apply(run, teacher, snapshot, scope)


def teacher_slice(district: RosterSnapshot, teacher_id: str, known: set[str]) -> RosterSnapshot:
    """The part of a district snapshot one teacher's sync answers for."""
    listed = {s.id for s in district.sections}
    sections = tuple(
        s for s in district.sections if teacher_id in s.all_teacher_ids or s.id in known
    )
    wanted = {teacher_id}
    for section in sections:
        wanted.update(section.all_teacher_ids)
        wanted.update(section.student_ids)
    people = {pid: district.people[pid] for pid in wanted if pid in district.people}
    unreadable = {p.clever_id for p in district.problems if p.record_type == "section"}
    gone = frozenset(known - listed - unreadable) if district.complete else frozenset()
    own = wanted | {s.id for s in sections}
    problems = tuple(p for p in district.problems if p.clever_id in own)
    return replace(
        district, sections=sections, people=people, gone_section_ids=gone, problems=problems
    )
