"""A sync run: one attempt to bring a teacher's classes in line with Clever."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from domain.changeset import ChangeSet, SyncCounts
from domain.problems import Problem


class SyncStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    PARTIAL = "partial"
    FAILED = "failed"
    HELD = "held"
    SKIPPED = "skipped"

    @property
    def finished(self) -> bool:
        return self not in (SyncStatus.QUEUED, SyncStatus.RUNNING)


class SyncTrigger(StrEnum):
    MANUAL = "manual"
    SCHEDULED = "scheduled"
    EVENTS = "events"
    APPROVAL = "approval"


@dataclass(frozen=True, slots=True)
class SyncRun:
    id: int | None
    teacher_id: str
    district_id: str
    trigger: SyncTrigger
    status: SyncStatus
    started_at: datetime
    finished_at: datetime | None = None
    counts: SyncCounts = field(default_factory=SyncCounts)
    problems: tuple[Problem, ...] = ()
    message: str | None = None
    held_changes: ChangeSet | None = None

    def running(self) -> SyncRun:
        return replace(self, status=SyncStatus.RUNNING)

    def finish(self, changes: ChangeSet, at: datetime) -> SyncRun:
        """Succeeded, or partial when some records were refused as problems."""
        status = SyncStatus.PARTIAL if changes.problems else SyncStatus.SUCCEEDED
        return replace(
            self,
            status=status,
            finished_at=at,
            counts=changes.counts,
            problems=changes.problems,
            message="; ".join(changes.notes) or self.message,
            held_changes=None,
        )

    def hold(self, changes: ChangeSet, at: datetime) -> SyncRun:
        """Held: the additions landed, the removals wait for approval (rule 10). The counts
        are the whole sync's, landed and waiting."""
        return replace(
            self,
            status=SyncStatus.HELD,
            finished_at=at,
            counts=changes.counts,
            problems=changes.problems,
            message="; ".join((*changes.holds, *changes.notes)),
            held_changes=changes.removals(),
        )

    def approve(self, waited: ChangeSet, landed: ChangeSet, at: datetime) -> SyncRun:
        """The held removals landed (``landed``: what of ``waited`` the teachers' decisions let
        through): the run is done, counting what it landed when held and on approval."""
        status = SyncStatus.PARTIAL if self.problems else SyncStatus.SUCCEEDED
        counts = self.counts - waited.counts + landed.counts
        return replace(self, status=status, finished_at=at, counts=counts, held_changes=None)

    def fail(self, message: str, at: datetime, problems: tuple[Problem, ...] = ()) -> SyncRun:
        return replace(
            self, status=SyncStatus.FAILED, finished_at=at, message=message, problems=problems
        )

    def skip(self, message: str, at: datetime) -> SyncRun:
        return replace(self, status=SyncStatus.SKIPPED, finished_at=at, message=message)
