"""The demographics audit rule: which reads need new audit entries.

Every answer that shows students' demographics is covered by audit entries (who read whose,
and when) written before it leaves. A read of the same students by the same viewer within the
window of the entries written for an earlier read (the same answer repeated, or another query
over the same roster) is covered by them: the record is exact to the window. A zero window
writes entries for every read. Every read path asks here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from datetime import datetime, timedelta

from application.ports import DemographicsAuditLog

REMEMBERED_READS = 10_000


class DemographicsAudit:
    def __init__(self, recorder: DemographicsAuditLog, window: timedelta) -> None:
        self.recorder = recorder
        self.window = window
        self._written: OrderedDict[tuple[int, tuple[str, ...]], datetime] = OrderedDict()
        self._lock = threading.Lock()

    def due(self, viewer_account_id: int, student_ids: Collection[str], now: datetime) -> bool:
        """Whether this read needs entries of its own (cheap: no storage involved)."""
        key = (viewer_account_id, tuple(sorted(set(student_ids))))
        return bool(key[1]) and not self._covered(key, now)

    def record(self, viewer_account_id: int, student_ids: Collection[str], now: datetime) -> None:
        """Writes the entries for this read unless an earlier read's entries cover it; raises
        when they cannot be written (the answer must then be withheld)."""
        key = (viewer_account_id, tuple(sorted(set(student_ids))))
        if not key[1] or self._covered(key, now):
            return
        self.recorder.record_demographics_access(viewer_account_id, key[1], now)
        with self._lock:
            self._written[key] = now
            self._written.move_to_end(key)
            while len(self._written) > REMEMBERED_READS:
                self._written.popitem(last=False)

    def _covered(self, key: tuple[int, tuple[str, ...]], now: datetime) -> bool:
        with self._lock:
            at = self._written.get(key)
        return at is not None and timedelta(0) <= now - at < self.window
