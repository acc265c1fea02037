"""The demographics audit log over the in-memory store."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from adapters.memory.store import MemoryStore


class FakeDemographicsAuditLog:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def record_demographics_access(
        self, viewer_account_id: int, student_ids: Collection[str], at: datetime
    ) -> None:
        for student_id in student_ids:
            self.store.demographics_audit.append((viewer_account_id, student_id, at))
