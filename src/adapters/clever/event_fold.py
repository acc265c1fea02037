"""Clever events, oldest first -> the newest state of every section and person they name."""

from __future__ import annotations

import logging

from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.fields import Fields, Malformed
from adapters.clever.listing import unwrap
from adapters.clever.records import person_from, section_from
from application.clever_events import DistrictChanges
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection

log = logging.getLogger(__name__)

SCHOOL_SHARING = ("schools.created", "schools.deleted")


class EventFold:
    """Later events win. An unreadable object becomes a Problem and the record is left as
    stored: neither changed nor gone."""

    def __init__(self, district_id: str) -> None:
        self.district_id = district_id
        self.last_event_id: str | None = None
        self.sections: dict[str, CleverSection] = {}
        self.deleted_sections: set[str] = set()
        self.people: dict[str, CleverPerson] = {}
        self.deleted_people: set[str] = set()
        self.problems: dict[tuple[str, str], Problem] = {}
        self.full_sync_reason: str | None = None
        self.skipped = 0
        self.terms_changed = False

    def add(self, item: object) -> None:
        event, _ = unwrap(item)
        event_id = event.get("id") if event else None
        event_type = event.get("type") if event else None
        if event is None or not isinstance(event_id, str) or not event_id:
            raise CleverResponseInvalid("Clever GET /events: an event without an id")
        self.last_event_id = event_id
        payload = event.get("data")
        record = payload.get("object") if isinstance(payload, dict) else None
        kind, _, action = (event_type if isinstance(event_type, str) else "").partition(".")
        if event_type in SCHOOL_SHARING:
            self.full_sync_reason = f"Clever sent {event_type}: a school was shared or unshared"
        elif kind == "terms":
            self.terms_changed = True
        elif kind in ("sections", "users"):
            if not isinstance(record, dict):
                what = "section" if kind == "sections" else "user"
                self._problem(what, "", "data", f"{event_type} event {event_id} has no object")
            elif kind == "sections":
                self._section(action, Fields(record))
            else:
                self._person(action, Fields(record))
        else:
            self.skipped += 1

    @property
    def needs_terms(self) -> bool:
        """A term or a section changed: the sync must know the district's terms as they are."""
        return self.terms_changed or bool(self.sections or self.deleted_sections)

    def changes(self) -> DistrictChanges:
        if self.skipped:
            log.debug("Clever events: %d of other record types skipped", self.skipped)
        return DistrictChanges(
            last_event_id=self.last_event_id,
            sections=dict(self.sections),
            deleted_section_ids=frozenset(self.deleted_sections),
            people=dict(self.people),
            deleted_person_ids=frozenset(self.deleted_people),
            problems=tuple(self.problems.values()),
            full_sync_reason=self.full_sync_reason,
        )

    def _section(self, action: str, record: Fields) -> None:
        section_id = record.raw.get("id")
        known_id = section_id if isinstance(section_id, str) else ""
        self.sections.pop(known_id, None)
        self.deleted_sections.discard(known_id)
        try:
            if action == "deleted":
                self.deleted_sections.add(record.required_id())
            else:
                section = section_from(record, self.district_id)
                self.sections[section.id] = section
        except Malformed as exc:
            self._problem("section", known_id, exc.field, exc.message)
            return
        self.problems.pop(("section", known_id), None)

    def _person(self, action: str, record: Fields) -> None:
        person_id = record.raw.get("id")
        known_id = person_id if isinstance(person_id, str) else ""
        self.people.pop(known_id, None)
        self.deleted_people.discard(known_id)
        try:
            if action == "deleted":
                self.deleted_people.add(record.required_id())
            elif (person := person_from(record, self.district_id)) is not None:
                self.people[person.id] = person
        except Malformed as exc:
            self._problem("user", known_id, exc.field, exc.message)
            return
        self.problems.pop(("user", known_id), None)

    def _problem(self, record_type: str, clever_id: str, field: str, message: str) -> None:
        self.problems[(record_type, clever_id)] = Problem(record_type, clever_id, field, message)
