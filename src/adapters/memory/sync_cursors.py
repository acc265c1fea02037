"""SyncCursorStore in memory."""

from __future__ import annotations

import threading

from application.clever_events import SyncCursor


class FakeSyncCursorStore:
    def __init__(self) -> None:
        self.cursors: dict[str, SyncCursor] = {}
        self._mutex = threading.Lock()

    def get(self, district_id: str) -> SyncCursor | None:
        with self._mutex:
            return self.cursors.get(district_id)

    def save(self, cursor: SyncCursor) -> None:
        with self._mutex:
            self.cursors[cursor.district_id] = cursor

    def forget(self, district_id: str) -> None:
        with self._mutex:
            self.cursors.pop(district_id, None)
