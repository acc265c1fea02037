"""Clever's view of one section right now, for an explanation: one request each, no paging
beyond what Clever itself asks for (a section's students fit in one page)."""

from __future__ import annotations

from adapters.clever.api import DataApi, segment
from adapters.clever.fields import Fields, unstorable
from adapters.clever.listing import collect, single_record
from adapters.clever.records import person_from
from application.errors import CleverNotFound
from domain.snapshot import CleverPerson, ListedStudents

MAX_SIS_ID = 255


def read_listed_students(
    api: DataApi, token: str, district_id: str, section_id: str
) -> ListedStudents | None:
    """The section's students as Clever lists them; None when Clever no longer has it."""
    sis_ids: dict[str, str] = {}

    def parse(record: Fields) -> CleverPerson | None:
        person = person_from(record, district_id, listed_as="student")
        if person is None or person.role != "student":
            return None
        if (sis_id := _sis_id(record)) is not None:
            sis_ids[person.id] = sis_id
        return person

    path = f"/sections/{segment(section_id)}/users"
    try:
        listing = collect(api.items(path, token, {"role": "student"}), "student", parse)
    except CleverNotFound:
        return None
    unusable = {p.clever_id: p for p in listing.problems if p.clever_id in listing.unreadable}
    return ListedStudents(listing.records, sis_ids, unusable)


def has_person(api: DataApi, token: str, person_id: str) -> bool:
    try:
        single_record(api.get(f"/users/{segment(person_id)}", token), "/users")
    except CleverNotFound:
        return False
    return True


def _sis_id(record: Fields) -> str | None:
    """Read leniently: an odd SIS id only means the student cannot be found by it."""
    roles = record.raw.get("roles")
    student = roles.get("student") if isinstance(roles, dict) else None
    value = student.get("sis_id") if isinstance(student, dict) else None
    if isinstance(value, str) and 0 < len(value) <= MAX_SIS_ID and not unstorable(value):
        return value
    return None
