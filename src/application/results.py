"""What the sync use cases answer: a run, or the reason none could start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.sync_run import SyncRun


@dataclass(frozen=True, slots=True)
class SyncStarted:
    run: SyncRun
    # When the teacher may start another manual sync; None while this one is in flight.
    next_sync_allowed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RecentSync:
    """A manual sync asked for too soon after the last one finished: that run, not a new one."""

    run: SyncRun
    next_sync_allowed_at: datetime


@dataclass(frozen=True, slots=True)
class CleverNotLinked:
    message: str = "Connect your Clever account to sync classes."


@dataclass(frozen=True, slots=True)
class PremiumRequired:
    message: str = "Syncing with Clever needs an active Premium licence."


@dataclass(frozen=True, slots=True)
class SyncAlreadyRunning:
    run_id: int
    message: str = "A sync with Clever is already running."


@dataclass(frozen=True, slots=True)
class TeacherNotFound:
    clever_id: str
    message: str = "No teacher with that Clever id in any connected district."


@dataclass(frozen=True, slots=True)
class NotFound:
    message: str = "Not found."


SyncResult = SyncStarted | CleverNotLinked | PremiumRequired | SyncAlreadyRunning | TeacherNotFound
