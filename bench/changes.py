"""The rows a sync must write for a change Clever made, worked out from Clever's pages alone."""

from __future__ import annotations

from bench.fetch import DistrictPages, Record
from domain.demographics import parse_demographics

CLASS_FIELDS = ("name", "subject", "period", "grade", "school", "teacher")
STUDENT_FIELDS = ("name", "email", "district")


def expected_rows(before: DistrictPages, after: DistrictPages) -> int:
    """Each enrollment added or dropped is two rows (the enrollment and its history entry); a
    section whose own fields changed is one class row; a rostered student whose record changed
    is one student row."""
    rows = 0
    old_sections = {s["id"]: s for s in before.sections}
    rostered: set[str] = set()
    for section in after.sections:
        listed = set(section.get("students") or [])
        rostered |= listed
        old = old_sections.get(section["id"])
        if old is None:
            continue
        was = set(old.get("students") or [])
        rows += 2 * len(listed ^ was)
        rows += any(old.get(f) != section.get(f) for f in CLASS_FIELDS)
    old_students = {s["id"]: s for s in before.students}
    for student in after.students:
        old = old_students.get(student["id"])
        if old is not None and student["id"] in rostered and _student_changed(old, student):
            rows += 1
    return rows


def _student_changed(old: Record, new: Record) -> bool:
    if any(old.get(f) != new.get(f) for f in STUDENT_FIELDS):
        return True
    old_role, new_role = old["roles"]["student"], new["roles"]["student"]
    if old_role.get("grade") != new_role.get("grade"):
        return True
    return parse_demographics(old_role).profile != parse_demographics(new_role).profile
