"""ApplyRetention: rostersync keeps student data only as long as it is needed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from application.ports import Clock, UnitOfWork, UnitOfWorkFactory

BATCH_SIZE = 1_000


class RetentionPolicyError(ValueError):
    """A retention policy that would delete a record before the data it describes."""


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How many days each kind of record is kept (see README, "Student data")."""

    departed_days: int = 365
    audit_days: int = 1095
    sync_runs_days: int = 180

    def __post_init__(self) -> None:
        for name in ("departed_days", "audit_days", "sync_runs_days"):
            if getattr(self, name) < 1:
                raise RetentionPolicyError(f"{name} must be at least 1 day")
        if self.audit_days < self.departed_days:
            raise RetentionPolicyError(
                f"audit entries must be kept at least as long as the demographics they "
                f"describe: audit_days ({self.audit_days}) is shorter than departed_days "
                f"({self.departed_days})"
            )


@dataclass(frozen=True, slots=True)
class RetentionCommand:
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class RetentionResult:
    """What was deleted (or, in a dry run, would be)."""

    dry_run: bool
    departed_students: int  # students whose grade and demographics were removed
    audit_entries: int
    sync_runs: int
    departed_by: datetime
    audit_before: datetime
    sync_runs_before: datetime


class ApplyRetention:
    """A student in no live class for ``departed_days`` loses their grade and demographics;
    audit entries older than ``audit_days`` go once the demographics they describe are gone;
    sync runs older than ``sync_runs_days`` (but a teacher's latest) are deleted. Deletes run
    in bounded batches, one transaction each, so no roster table is locked for long; the
    student's account and work are never touched."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        policy: RetentionPolicy,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.policy = policy
        self.batch_size = batch_size

    def __call__(self, command: RetentionCommand) -> RetentionResult:
        now = self.clock.now()
        departed_by = now - timedelta(days=self.policy.departed_days)
        audit_before = now - timedelta(days=self.policy.audit_days)
        runs_before = now - timedelta(days=self.policy.sync_runs_days)
        if command.dry_run:
            with self.uow() as uow:
                counts = (
                    uow.retention.count_departed(departed_by),
                    uow.retention.count_audit_entries(audit_before),
                    uow.retention.count_sync_runs(runs_before),
                )
        else:
            counts = (
                self._in_batches(lambda uow, n: uow.retention.erase_departed(departed_by, n)),
                self._in_batches(
                    lambda uow, n: uow.retention.delete_audit_entries(audit_before, n)
                ),
                self._in_batches(lambda uow, n: uow.retention.delete_sync_runs(runs_before, n)),
            )
        return RetentionResult(command.dry_run, *counts, departed_by, audit_before, runs_before)

    def _in_batches(self, step: Callable[[UnitOfWork, int], int]) -> int:
        total = 0
        while True:
            with self.uow() as uow:
                done = step(uow, self.batch_size)
                uow.commit()
            total += done
            if done < self.batch_size:
                return total
