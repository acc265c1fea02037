"""What Clever's Events API says changed in a district, and where a district's events sync resumes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection
from domain.term import Term


@dataclass(frozen=True, slots=True)
class DistrictChanges:
    """Events after a cursor, folded to the newest state of every record they name.

    ``full_sync_reason`` is set when an event cannot be applied piecemeal (a school shared or
    unshared); the caller then runs a full sync instead. ``last_event_id`` is None when no
    event came after the cursor. ``terms`` are the district's terms as Clever has them now,
    read with the events whatever they say (a term changes without a section event)."""

    last_event_id: str | None = None
    sections: Mapping[str, CleverSection] = field(default_factory=dict)
    deleted_section_ids: frozenset[str] = frozenset()
    people: Mapping[str, CleverPerson] = field(default_factory=dict)
    deleted_person_ids: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()
    full_sync_reason: str | None = None
    terms: Mapping[str, Term] = field(default_factory=dict)

    @property
    def touches_rosters(self) -> bool:
        return bool(
            self.sections
            or self.deleted_section_ids
            or self.people
            or self.deleted_person_ids
            or self.problems
        )


@dataclass(frozen=True, slots=True)
class SyncCursor:
    """Where a district's events sync resumes, and when its last full reconcile ran.

    ``event_id`` None means Clever listed no event at the last full sync, so every event it
    lists now came after it. ``saved_at`` is the last time the events were read up to here."""

    district_id: str
    event_id: str | None
    full_sync_at: datetime
    saved_at: datetime
