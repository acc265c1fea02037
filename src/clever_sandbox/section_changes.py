"""Scripted section changes; each records the matching Clever event."""

from __future__ import annotations

import bisect

from .enums import SUBJECTS
from .records import Record
from .school_year import current_term_id
from .store import DistrictStore


class UnknownRecord(LookupError):
    """The id names no record the scripted change can act on."""


def section_or_fail(store: DistrictStore, section_id: str) -> Record:
    section = store.sections.get(section_id)
    if section is None:
        raise UnknownRecord(f"unknown section {section_id}")
    return section


def update_section(store: DistrictStore, section_id: str, now: str, changes: Record) -> bool:
    """Apply changed attributes; emit sections.updated with the old values."""
    section = section_or_fail(store, section_id)
    previous = {k: section.get(k) for k, v in changes.items() if section.get(k) != v}
    if not previous:
        return False
    section.update({k: changes[k] for k in previous})
    section["last_modified"] = now
    store.events.emit("sections.updated", section, previous)
    store.touch()
    return True


def enroll(store: DistrictStore, section_id: str, student_id: str, now: str) -> bool:
    if student_id not in store.students:
        raise UnknownRecord(f"unknown student {student_id}")
    students = list(section_or_fail(store, section_id).get("students") or [])
    if student_id in students:
        return False
    bisect.insort(students, student_id)
    return update_section(store, section_id, now, {"students": students})


def drop(store: DistrictStore, section_id: str, student_id: str, now: str) -> bool:
    students = list(section_or_fail(store, section_id).get("students") or [])
    if student_id not in students:
        return False
    students.remove(student_id)
    return update_section(store, section_id, now, {"students": students})


def set_teachers(store: DistrictStore, section_id: str, teacher_ids: list[str], now: str) -> bool:
    for teacher_id in teacher_ids:
        if teacher_id not in store.teachers:
            raise UnknownRecord(f"unknown teacher {teacher_id}")
    first = teacher_ids[0] if teacher_ids else None
    return update_section(store, section_id, now, {"teacher": first, "teachers": list(teacher_ids)})


def delete(store: DistrictStore, section_id: str, hide: bool) -> Record:
    """Remove a section; `hide` keeps it for a later reshare (unshare)."""
    section_or_fail(store, section_id)
    section = store.sections.remove(section_id)
    assert section is not None
    if hide:
        store.hidden_sections[section_id] = section
    store.events.emit("sections.deleted", section)
    store.touch()
    return section


def reshare(store: DistrictStore, section_id: str, now: str) -> None:
    section = store.hidden_sections.pop(section_id, None)
    if section is None:
        raise UnknownRecord(f"section {section_id} is not unshared")
    section["last_modified"] = now
    store.sections.put(section_id, section)
    store.events.emit("sections.created", section)
    store.touch()


def add(
    store: DistrictStore,
    now: str,
    school_id: str | None = None,
    teacher_ids: list[str] | None = None,
    student_ids: list[str] | None = None,
    name: str | None = None,
    grade: str | None = None,
    subject: str | None = None,
    period: str = "1",
) -> str:
    school_id = school_id or store.schools.ids()[0]
    school = store.schools.get(school_id)
    if school is None:
        raise UnknownRecord(f"unknown school {school_id}")
    if teacher_ids is None:
        teacher_ids = [
            next(t["id"] for t in store.teachers if t["roles"]["teacher"]["school"] == school_id)
        ]
    section_id = store.new_id("sections")
    section = {
        "id": section_id,
        "district": store.id,
        "school": school_id,
        "name": name or f"New Section {section_id[-4:]}",
        "grade": grade if grade is not None else school.get("low_grade", ""),
        "subject": subject if subject is not None else SUBJECTS[0],
        "period": period,
        "course": None,
        "term_id": current_term_id(store),
        "sis_id": f"NEW-{section_id[-6:]}",
        "section_number": "",
        "teacher": teacher_ids[0] if teacher_ids else None,
        "teachers": list(teacher_ids),
        "students": sorted(student_ids or []),
        "created": now,
        "last_modified": now,
    }
    store.sections.put(section_id, section)
    store.events.emit("sections.created", section)
    store.touch()
    return section_id
