"""Clever terms: when a class's school year (or semester) runs, and when it is over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

DEFAULT_TERM_END_ARCHIVE_DAYS = 14


def archive_cutoff(today: date, archive_days: int) -> date:
    """Terms that ended before this day are over: their classes are archived."""
    return today - timedelta(days=archive_days)


@dataclass(frozen=True, slots=True)
class Term:
    """A Clever term; Clever may leave its name or dates unset."""

    id: str
    name: str | None = None
    start_date: date | None = None
    end_date: date | None = None

    def __post_init__(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("a term cannot end before it starts")

    def ended_before(self, day: date) -> bool:
        """The term's last day is behind ``day``; a term without an end date never ends."""
        return self.end_date is not None and self.end_date < day

    def over_for(self, today: date, archive_days: int) -> bool:
        """Ended more than ``archive_days`` days before ``today``: its classes are archived."""
        return self.ended_before(archive_cutoff(today, archive_days))

    @property
    def school_year(self) -> str:
        """'2025-26' (with an en dash) for a term spanning two years, else the term's name."""
        start, end = self.start_date, self.end_date
        if start and end and end.year == start.year + 1:
            return f"{start.year}\u2013{end.year % 100:02d}"
        return self.name or (str(end.year) if end else "an earlier term")


class ArchiveReason(StrEnum):
    SECTION_GONE = "section_gone"
    TERM_ENDED = "term_ended"
