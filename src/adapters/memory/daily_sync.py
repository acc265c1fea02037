"""FakeDailySyncLedger: the day's claim in this process's memory."""

from __future__ import annotations

import threading
from datetime import date, datetime


class FakeDailySyncLedger:
    def __init__(self) -> None:
        self.claims: dict[date, str] = {}
        self._mutex = threading.Lock()

    def claim(self, day: date, claimant: str, at: datetime) -> bool:
        with self._mutex:
            return self.claims.setdefault(day, claimant) == claimant
