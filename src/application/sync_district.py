"""SyncDistrict: the daily job for one district."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol

from application.errors import CleverError
from application.ports import CleverDirectory, Clock, SyncLock, UnitOfWork, UnitOfWorkFactory
from application.premium import teacher_has_premium
from application.sync_runs import RunRecorder, Settled
from domain.licensing import PremiumLicense, has_premium
from domain.reconcile import DEFAULT_HOLD_THRESHOLD
from domain.roster import Teacher
from domain.snapshot import CleverSection, RosterSnapshot
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
    """One bulk pull serves every teacher who has synced before; others are left alone. With
    Clever's events available, only what they changed is applied until a full sync is due."""

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
        self.hold_threshold = hold_threshold
        self.term_end_archive_days = term_end_archive_days
        self.runs = RunRecorder(uow, clock)
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
            snapshot = self.directory.district_roster(command.district_id)
        except CleverError as exc:
            log.warning("district sync: Clever fetch failed (%s)", type(exc).__name__)
            return DistrictSyncResult(
                command.district_id,
                skipped=tuple(skipped),
                error=f"Clever could not be read: {exc}",
            )
        runs = self._sync_teachers(eligible, snapshot, command.trigger)
        return DistrictSyncResult(
            command.district_id,
            runs=tuple(runs),
            skipped=tuple(skipped),
            teachers=tuple(t.clever_id for t in eligible),
        )

    def _sync_teachers(
        self, teachers: list[Teacher], district: RosterSnapshot, trigger: SyncTrigger
    ) -> list[SyncRun]:
        """Teachers in batches: one lock call, one state load and one commit per batch. A
        teacher whose own sync is running is left out, as the one-by-one job did."""
        slicer = DistrictSlicer(district)
        runs: list[SyncRun] = []
        for start in range(0, len(teachers), TEACHERS_PER_BATCH):
            batch = {
                f"teacher:{t.clever_id}": t for t in teachers[start : start + TEACHERS_PER_BATCH]
            }
            with self.lock.hold_many(batch) as held:
                mine = [teacher for key, teacher in batch.items() if key in held]
                runs += self.runs.apply_many(
                    mine, slicer, trigger, self.hold_threshold, self.term_end_archive_days
                )
        return runs


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


def teacher_slice(district: RosterSnapshot, teacher_id: str, known: set[str]) -> RosterSnapshot:
    """The part of a district snapshot one teacher's sync answers for."""
    return DistrictSlicer(district)(teacher_id, known)


class DistrictSlicer:
    """Teacher slices of one district snapshot, indexed once instead of rescanned per teacher."""

    def __init__(self, district: RosterSnapshot) -> None:
        self.district = district
        self.by_id: dict[str, list[int]] = {}
        self.taught: dict[str, list[int]] = {}
        for index, section in enumerate(district.sections):
            self.by_id.setdefault(section.id, []).append(index)
            for teacher_id in dict.fromkeys(section.all_teacher_ids):
                self.taught.setdefault(teacher_id, []).append(index)
        self.problems: dict[str, list[int]] = {}
        for index, problem in enumerate(district.problems):
            self.problems.setdefault(problem.clever_id, []).append(index)
        self.unreadable = {p.clever_id for p in district.problems if p.record_type == "section"}

    def __call__(
        self, teacher_id: str, known: set[str], settled: Settled | None = None
    ) -> RosterSnapshot:
        district = self.district
        sections = tuple(district.sections[i] for i in sorted(self._chosen(teacher_id, known)))
        wanted = _members(teacher_id, sections)
        done = settled or {}
        people = {
            pid: district.people[pid]
            for pid in wanted
            if pid in district.people and pid not in done
        }
        gone = known - self.by_id.keys() - self.unreadable if district.complete else set()
        own = wanted | {s.id for s in sections}
        picked = sorted(i for clever_id in own for i in self.problems.get(clever_id, ()))
        return replace(
            district,
            sections=sections,
            people=people,
            gone_section_ids=frozenset(gone),
            problems=(
                *(district.problems[i] for i in picked),
                *(p for pid in sorted(wanted & done.keys()) for p in done[pid]),
            ),
        )

    def scope(self, teacher_id: str, known: set[str]) -> tuple[set[str], set[str]]:
        chosen = [self.district.sections[i] for i in self._chosen(teacher_id, known)]
        return {s.id for s in chosen} | known, _members(teacher_id, chosen)

    def rostered(self) -> frozenset[str] | None:
        return None  # a full snapshot lists every class of the teacher Clever still has

    def carried(self, people: set[str]) -> set[str]:
        return people & self.district.people.keys()

    def _chosen(self, teacher_id: str, known: set[str]) -> set[int]:
        chosen = set(self.taught.get(teacher_id, ()))
        for section_id in known:
            chosen.update(self.by_id.get(section_id, ()))
        return chosen


def _members(teacher_id: str, sections: Iterable[CleverSection]) -> set[str]:
    wanted = {teacher_id}
    for section in sections:
        wanted.update(section.all_teacher_ids)
        wanted.update(section.student_ids)
    return wanted
