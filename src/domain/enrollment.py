"""A student's place in a class (rule 4): dropped softly, with its history, and restored."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class Enrollment(NamedTuple):
    """One student in one class. A drop keeps it (inactive, with the date); a student Clever
    lists again gets the same enrollment back. A district sync reads them by the ten thousand,
    so it is a named tuple: several times cheaper to make than a frozen dataclass.

    The times are those storage keeps; None before the enrollment first landed, and where a
    sync reads only whether it is active."""

    section_id: str
    student_id: str
    active: bool = True
    enrolled_at: datetime | None = None
    dropped_at: datetime | None = None

    def dropped(self, at: datetime) -> Enrollment:
        return self._replace(active=False, dropped_at=at)

    def restored(self) -> Enrollment:
        return self._replace(active=True, dropped_at=None)
