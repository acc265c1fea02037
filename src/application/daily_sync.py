"""StartDailySync: the daily sync starts at most once per UTC day, whoever triggers it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from application.ports import Clock


class DailySyncLedger(Protocol):
    """One claim per day, shared by every process that might start the daily sync."""

    def claim(self, day: date, claimant: str, at: datetime) -> bool:
        """True when the day is now (or already was) this claimant's; False when another's."""
        ...


@dataclass(frozen=True, slots=True)
class StartDailySyncCommand:
    claimant: str  # the beat message's id: a redelivered message is the same claimant


class StartDailySync:
    """A second start on the same day (a second beat, a retried tick) syncs nothing."""

    def __init__(self, ledger: DailySyncLedger, clock: Clock) -> None:
        self.ledger = ledger
        self.clock = clock

    def __call__(self, command: StartDailySyncCommand) -> bool:
        now = self.clock.now()
        return self.ledger.claim(now.date(), command.claimant, now)
