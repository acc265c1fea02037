"""Plain-JSON forms of a ChangeSet (held for approval) and of problems, and back."""

from __future__ import annotations

from typing import Any

from adapters.sqlalchemy.rows import (
    class_from,
    class_values,
    student_from,
    student_values,
    teacher_from,
    teacher_values,
)
from domain.changeset import ChangeSet
from domain.decisions import SkippedChange
from domain.problems import Problem
from domain.roster import Class, EnrollmentKey, Membership

# Records are held in the same shape as their table rows.
FORMAT = 2
Json = dict[str, Any]


def problems_to_json(problems: tuple[Problem, ...]) -> list[Json]:
    return [
        {
            "record_type": p.record_type,
            "clever_id": p.clever_id,
            "field": p.field,
            "message": p.message,
        }
        for p in problems
    ]


def problems_from_json(data: list[Json]) -> tuple[Problem, ...]:
    return tuple(Problem(d["record_type"], d["clever_id"], d["field"], d["message"]) for d in data)


def changeset_to_json(changes: ChangeSet) -> Json:
    return {
        "format": FORMAT,
        "teachers": [teacher_values(t) for t in changes.teachers],
        "students": [student_values(s) for s in changes.students],
        "classes_created": [_class_json(c) for c in changes.classes_created],
        "classes_updated": [_class_json(c) for c in changes.classes_updated],
        "classes_archived": list(changes.classes_archived),
        "classes_restored": list(changes.classes_restored),
        "classes_term_ended": list(changes.classes_term_ended),
        "memberships_added": [[m.section_id, m.teacher_id] for m in changes.memberships_added],
        "memberships_removed": [[m.section_id, m.teacher_id] for m in changes.memberships_removed],
        "enrolled": [[k.section_id, k.student_id] for k in changes.enrolled],
        "dropped": [[k.section_id, k.student_id] for k in changes.dropped],
        "restored": [[k.section_id, k.student_id] for k in changes.restored],
        "problems": problems_to_json(changes.problems),
        "holds": list(changes.holds),
        "co_teachers_added": changes.co_teachers_added,
        "co_teachers_removed": changes.co_teachers_removed,
        "notes": list(changes.notes),
        "skipped": [
            [s.section_id, s.change, s.decision, s.subject_id, s.subject_name]
            for s in changes.skipped
        ],
        "waiting": [[section_id, list(notes)] for section_id, notes in changes.waiting],
        "exceptions_ended": [[k.section_id, k.student_id] for k in changes.exceptions_ended],
        "exceptions_seen": [
            [k.section_id, k.student_id, listed] for k, listed in changes.exceptions_seen
        ],
    }


def _class_json(klass: Class) -> Json:
    values = class_values(klass)
    for name in ("term_start_date", "term_end_date"):
        day = values[name]
        values[name] = day.isoformat() if day else None
    return values


def changeset_from_json(data: Json) -> ChangeSet:
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown held change set format {data.get('format')!r}")
    return ChangeSet(
        teachers=tuple(teacher_from(t) for t in data["teachers"]),
        students=tuple(student_from(s) for s in data["students"]),
        classes_created=tuple(class_from(c) for c in data["classes_created"]),
        classes_updated=tuple(class_from(c) for c in data["classes_updated"]),
        classes_archived=tuple(data["classes_archived"]),
        classes_restored=tuple(data["classes_restored"]),
        classes_term_ended=tuple(data.get("classes_term_ended", ())),
        memberships_added=tuple(Membership(*pair) for pair in data["memberships_added"]),
        memberships_removed=tuple(Membership(*pair) for pair in data["memberships_removed"]),
        enrolled=tuple(EnrollmentKey(*pair) for pair in data["enrolled"]),
        dropped=tuple(EnrollmentKey(*pair) for pair in data["dropped"]),
        restored=tuple(EnrollmentKey(*pair) for pair in data["restored"]),
        problems=problems_from_json(data["problems"]),
        holds=tuple(data["holds"]),
        co_teachers_added=data["co_teachers_added"],
        co_teachers_removed=data["co_teachers_removed"],
        notes=tuple(data.get("notes", ())),
        # Held before teachers' decisions existed: none.
        skipped=tuple(SkippedChange(*item) for item in data.get("skipped", [])),
        waiting=tuple((sid, tuple(notes)) for sid, notes in data.get("waiting", [])),
        exceptions_ended=tuple(EnrollmentKey(*pair) for pair in data.get("exceptions_ended", [])),
        exceptions_seen=tuple(
            (EnrollmentKey(sid, student), listed)
            for sid, student, listed in data.get("exceptions_seen", [])
        ),
    )
