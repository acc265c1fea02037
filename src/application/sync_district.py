"""SyncDistrict: the daily job for one district."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from application.district_slice import DistrictSlicer
from application.errors import CleverError
from application.ports import (
    CleverDirectory,
    Clock,
    SyncLock,
    UnitOfWork,
    UnitOfWorkFactory,
)
from application.premium import teacher_has_premium
from application.sync_runs import RunRecorder, TeacherSlicer
from domain.licensing import PremiumLicense, has_premium
from domain.reconcile import DEFAULT_HOLD_THRESHOLD
from domain.roster import Teacher
from domain.sync_run import SyncRun, SyncTrigger
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS

log = logging.getLogger(__name__)

# Teachers whose syncs share one lock call, state load and commit in the district job.
TEACHERS_PER_BATCH = 200


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


@dataclass(frozen=True, slots=True)
class FullSyncDue:
    """Clever's events cannot serve this run: why, and where they stood before the bulk pull
    (``marked`` False when that could not be read, so no cursor may be saved after it)."""

    reason: str
    started: datetime
    newest_event_id: str | None
    marked: bool


class IncrementalSync(Protocol):
    """Clever's events after the district's saved cursor, when they can serve the job."""

    def sync_events(self, command: SyncDistrictCommand) -> DistrictSyncResult | FullSyncDue:
        """The events applied (or why Clever could not be read), else the full sync is due."""
        ...

    def full_sync_landed(self, due: FullSyncDue, result: DistrictSyncResult) -> None:
        """After the full sync ``due`` asked for: events may take over from here."""
        ...


class SyncDistrict:
    """One bulk pull serves every teacher who has synced before, read a batch of teachers at a
    time; others are left alone. With Clever's events available, only what they changed is
    applied until a full sync is due."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        directory: CleverDirectory,
        clock: Clock,
        lock: SyncLock,
        hold_threshold: float = DEFAULT_HOLD_THRESHOLD,
        incremental: IncrementalSync | None = None,
        term_end_archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS,
    ) -> None:
        self.uow = uow
        self.directory = directory
        self.clock = clock
        self.lock = lock
        self.runs = RunRecorder(uow, clock, hold_threshold, term_end_archive_days)
        self.incremental = incremental

    def __call__(self, command: SyncDistrictCommand) -> DistrictSyncResult:
        with self.lock.hold(f"district:{command.district_id}") as acquired:
            if not acquired:
                return DistrictSyncResult(command.district_id, already_running=True)
            if self.incremental is None:
                return self._sync(command)
            outcome = self.incremental.sync_events(command)
            if isinstance(outcome, DistrictSyncResult):
                return outcome
            log.info("district %s: full sync (%s)", command.district_id, outcome.reason)
            result = self._sync(command)
            self.incremental.full_sync_landed(outcome, result)
            return result

    def _sync(self, command: SyncDistrictCommand) -> DistrictSyncResult:
        with self.uow() as uow:
            teachers = uow.rosters.rostering_teachers(command.district_id)
            eligible, skipped = [], []
            licensed = WideLicences(uow, self.clock.today(), teachers)
            for teacher in teachers:
                if licensed.cover(teacher) or teacher_has_premium(uow, teacher, licensed.today):
                    eligible.append(teacher)
                else:
                    skipped.append((teacher.clever_id, "no active Premium licence"))
        if not eligible:
            return DistrictSyncResult(command.district_id, skipped=tuple(skipped))
        try:
            district = self.directory.pull_district(command.district_id)
        except CleverError as exc:
            log.warning("district sync: Clever fetch failed (%s)", type(exc).__name__)
            return DistrictSyncResult(
                command.district_id,
                skipped=tuple(skipped),
                error=f"Clever could not be read: {exc}",
            )
        with closing(district):
            runs, _ = sync_in_batches(
                self.lock,
                self.runs,
                eligible,
                command.trigger,
                lambda mine: DistrictSlicer(district, [t.clever_id for t in mine]),
            )
        return DistrictSyncResult(
            command.district_id,
            runs=tuple(runs),
            skipped=tuple(skipped),
            teachers=tuple(t.clever_id for t in eligible),
        )


def sync_in_batches(
    lock: SyncLock,
    runs: RunRecorder,
    teachers: list[Teacher],
    trigger: SyncTrigger,
    slicer_for: Callable[[list[Teacher]], TeacherSlicer],
) -> tuple[list[SyncRun], bool]:
    """Teachers in batches: one lock call, one read of their part of the district, one
    state load and one commit per batch. A teacher whose own sync is running is left out,
    as the one-by-one job did; False then."""
    done: list[SyncRun] = []
    every_teacher = True
    for start in range(0, len(teachers), TEACHERS_PER_BATCH):
        batch = {f"teacher:{t.clever_id}": t for t in teachers[start : start + TEACHERS_PER_BATCH]}
        with lock.hold_many(batch) as held:
            mine = [teacher for key, teacher in batch.items() if key in held]
            every_teacher = every_teacher and len(mine) == len(batch)
            done += runs.apply_many(mine, slicer_for(mine), trigger)
    return done, every_teacher


class WideLicences:
    """District and school licences of these teachers, read once per district for every
    school they name: one query serves the job, where asking teacher by teacher (or school
    set by school set) took one query each."""

    def __init__(self, uow: UnitOfWork, today: date, teachers: Iterable[Teacher]) -> None:
        self.today = today
        schools: dict[str, set[str]] = {}
        for teacher in teachers:
            schools.setdefault(teacher.district_id, set()).update(teacher.school_ids)
        self.found: dict[str, list[PremiumLicense]] = {
            district_id: uow.licenses.covering(None, district_id, sorted(school_ids))
            for district_id, school_ids in sorted(schools.items())
        }

    def cover(self, teacher: Teacher) -> bool:
        """Only for one of the teachers it was made with."""
        found = self.found[teacher.district_id]
        return has_premium(found, self.today, None, teacher.district_id, teacher.school_ids)
