"""Pick representative users for demos and tests (tolerates raw records)."""

from __future__ import annotations

from .records import Record
from .store import DistrictStore


def sample_teacher(store: DistrictStore) -> Record:
    """A teacher who is primary on at least one co-taught section."""
    for section in store.sections:
        teachers = section.get("teachers")
        if isinstance(teachers, list) and len(teachers) > 1 and teachers[0] in store.teachers:
            return store.teachers.get(teachers[0]) or {}
    return next(iter(store.teachers), {})


def sample_student(store: DistrictStore, teacher_id: str | None) -> Record:
    """A student in one of `teacher_id`'s sections (else the first student)."""
    for section_id in store.index().user_sections.get(teacher_id or "", []):
        students = (store.sections.get(section_id) or {}).get("students")
        for student_id in students if isinstance(students, list) else []:
            if student_id in store.students:
                return store.students.get(student_id) or {}
    return next(iter(store.students), {})
