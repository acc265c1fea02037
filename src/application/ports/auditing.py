"""The demographics audit log: written, never read, by the request path (the records export
and retention read it through their own ports)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol


class DemographicsAuditLog(Protocol):
    def record_demographics_access(
        self, viewer_account_id: int, student_ids: Collection[str], at: datetime
    ) -> None:
        """One entry per student: this viewer was shown their demographics at ``at``. Raises
        when the entries cannot be written."""
        ...
