"""IncrementalDistrictSync: the district job reads Clever's events after its saved cursor."""

from __future__ import annotations

import logging
from datetime import timedelta

from application.clever_events import DistrictChanges, SyncCursor
from application.errors import CleverBadRequest, CleverError, CleverNotFound
from application.event_scope import EventScopeReader
from application.event_slice import EventSlicer
from application.ports import (
    CleverEvents,
    Clock,
    SyncCursorStore,
    SyncLock,
    UnitOfWork,
    UnitOfWorkFactory,
)
from application.premium import teacher_has_premium
from application.sync_district import (
    DistrictSyncResult,
    FullSyncDue,
    SyncDistrictCommand,
    WideLicences,
    sync_in_batches,
)
from application.sync_runs import RunRecorder
from domain.reconcile import DEFAULT_HOLD_THRESHOLD
from domain.rollover import TermRules
from domain.roster import Teacher
from domain.sync_run import SyncStatus, SyncTrigger
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS

log = logging.getLogger(__name__)

# Clever keeps events for 30 days; a cursor last read up to before that may have lost some.
EVENT_RETENTION = timedelta(days=30)
DEFAULT_FULL_RECONCILE_DAYS = 7


class IncrementalDistrictSync:
    """After a district's first full sync only what Clever's events changed is applied; no
    cursor, one Clever rejects or one older than Clever's event window, or a due full
    reconcile, makes the full sync due instead. The cursor moves only after the changes
    committed."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        events: CleverEvents,
        clock: Clock,
        lock: SyncLock,
        cursors: SyncCursorStore,
        full_reconcile_days: int = DEFAULT_FULL_RECONCILE_DAYS,
        hold_threshold: float = DEFAULT_HOLD_THRESHOLD,
        term_end_archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS,
    ) -> None:
        if full_reconcile_days < 1:
            raise ValueError("full_reconcile_days must be at least 1")
        self.uow = uow
        self.events = events
        self.clock = clock
        self.lock = lock
        self.cursors = cursors
        self.full_reconcile_every = timedelta(days=full_reconcile_days)
        self.runs = RunRecorder(uow, clock, hold_threshold, term_end_archive_days)
        self.scopes = EventScopeReader(uow, events)

    def sync_events(self, command: SyncDistrictCommand) -> DistrictSyncResult | FullSyncDue:
        """Called with the district's lock held."""
        district_id = command.district_id
        cursor = self.cursors.get(district_id)
        reason = self._full_sync_reason(cursor)
        if cursor is not None and reason is None:
            try:
                changes = self.events.changes_after(district_id, cursor.event_id)
            except (CleverNotFound, CleverBadRequest):
                self.cursors.forget(district_id)
                reason = "Clever rejected the saved event cursor"
            except CleverError as exc:
                log.warning("events sync: Clever events unreadable (%s)", type(exc).__name__)
                return DistrictSyncResult(district_id, error=f"Clever could not be read: {exc}")
            else:
                reason = changes.full_sync_reason
                if reason is None:
                    return self._apply(cursor, changes)
        return self._full_sync_due(district_id, reason or "Clever's events cannot serve it")

    def _full_sync_reason(self, cursor: SyncCursor | None) -> str | None:
        now = self.clock.now()
        if cursor is None:
            return "no event cursor saved yet"
        if now - cursor.full_sync_at >= self.full_reconcile_every:
            return "the scheduled full reconcile is due"
        if now - cursor.saved_at >= EVENT_RETENTION:
            return "the event cursor is older than Clever keeps events"
        return None

    def _full_sync_due(self, district_id: str, reason: str) -> FullSyncDue:
        started = self.clock.now()
        try:
            # Read before the bulk pull: a change made during it is replayed, never missed.
            newest: str | None = self.events.newest_event_id(district_id)
            marked = True
        except CleverError as exc:
            log.warning("full sync: newest Clever event unreadable (%s)", type(exc).__name__)
            newest, marked = None, False
        return FullSyncDue(reason, started, newest, marked)

    def full_sync_landed(self, due: FullSyncDue, result: DistrictSyncResult) -> None:
        if due.marked and _every_teacher_landed(result):
            cursor = SyncCursor(
                result.district_id, due.newest_event_id, due.started, self.clock.now()
            )
            self.cursors.save(cursor)

    def _apply(self, cursor: SyncCursor, changes: DistrictChanges) -> DistrictSyncResult:
        district_id = cursor.district_id
        moved = SyncCursor(
            district_id,
            changes.last_event_id or cursor.event_id,
            cursor.full_sync_at,
            self.clock.now(),
        )
        licensed: WideLicences | None = None
        term_due: dict[str, frozenset[str]] = {}
        with self.uow() as uow:
            rostering = {t.clever_id: t for t in uow.rosters.rostering_teachers(district_id)}
            if rostering:
                term_due = self._term_due(uow, district_id, changes)
            term_teachers = {t for teacher_ids in term_due.values() for t in teacher_ids}
            if rostering and (changes.touches_rosters or term_teachers):
                # Read with the teachers: one query for every school they name.
                licensed = WideLicences(uow, self.clock.today(), rostering.values())
        if licensed is None:
            self.cursors.save(moved)
            return DistrictSyncResult(district_id)
        try:
            scope = self.scopes.read(district_id, changes)
        except CleverError as exc:
            log.warning("events sync: Clever records unreadable (%s)", type(exc).__name__)
            return DistrictSyncResult(district_id, error=f"Clever could not be read: {exc}")
        teacher_ids = scope.teacher_ids | term_teachers
        reached = [rostering[t] for t in sorted(teacher_ids & rostering.keys())]
        eligible, skipped = self._premium(reached, licensed)
        slicer = EventSlicer(scope, frozenset(term_due))
        runs, every_teacher = sync_in_batches(
            self.lock, self.runs, eligible, SyncTrigger.EVENTS, lambda _: slicer
        )
        if every_teacher:
            self.cursors.save(moved)
        log.info(
            "district %s: events sync applied to %d teachers (%d skipped)",
            district_id,
            len(runs),
            len(skipped),
        )
        return DistrictSyncResult(
            district_id,
            runs=tuple(runs),
            skipped=tuple(skipped),
            teachers=tuple(t.clever_id for t in eligible),
        )

    def _term_due(
        self, uow: UnitOfWork, district_id: str, changes: DistrictChanges
    ) -> dict[str, frozenset[str]]:
        """Classes the term rules alone touch today (a term Clever changed, a year-end archive
        due), with their teachers: events about sections never name them."""
        rules = TermRules(self.clock.today(), self.runs.term_end_archive_days, changes.terms)
        return {
            klass.section_id: frozenset(teacher_ids)
            for klass, teacher_ids in uow.rosters.term_candidates(district_id, rules)
            if rules.due(klass)
        }

    def _premium(
        self, teachers: list[Teacher], licensed: WideLicences
    ) -> tuple[list[Teacher], list[tuple[str, str]]]:
        """A teacher no district or school licence covers is asked about one by one."""
        eligible: list[Teacher] = []
        skipped: list[tuple[str, str]] = []
        uncovered = [t for t in teachers if not licensed.cover(t)]
        own: set[str] = set()
        if uncovered:
            with self.uow() as uow:
                own = {
                    t.clever_id for t in uncovered if teacher_has_premium(uow, t, licensed.today)
                }
        missing = {t.clever_id for t in uncovered} - own
        for teacher in teachers:
            if teacher.clever_id in missing:
                skipped.append((teacher.clever_id, "no active Premium licence"))
            else:
                eligible.append(teacher)
        return eligible, skipped


def _every_teacher_landed(result: DistrictSyncResult) -> bool:
    """A full sync that pulled the district and reached every eligible teacher; only then may
    events take over (a district with no teacher to sync yet stays on full syncs)."""
    if result.error is not None or not result.teachers:
        return False
    if len(result.runs) != len(result.teachers):
        return False
    return all(run.status is not SyncStatus.FAILED for run in result.runs)
