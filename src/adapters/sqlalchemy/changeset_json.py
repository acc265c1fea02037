"""Plain-JSON forms of a ChangeSet (held for approval) and of problems, and back."""

from __future__ import annotations

from datetime import date, datetime
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
from domain.co_teacher import CoTeacher, TeacherRole
from domain.decisions import ExceptionKind, SkippedChange, StudentException
from domain.enrollment import Enrollment
from domain.problems import Problem
from domain.roster import Class

# Records are held in the same shape as their table rows. Format 2 gave class teachers no role
# (only how many of them co-teach) and keyed exceptions by class and student alone.
FORMAT = 3
READABLE = (2, FORMAT)
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
        "memberships_added": [_member_json(m) for m in changes.memberships_added],
        "memberships_removed": [_member_json(m) for m in changes.memberships_removed],
        "enrolled": [[e.section_id, e.student_id] for e in changes.enrolled],
        "dropped": [[e.section_id, e.student_id] for e in changes.dropped],
        "restored": [[e.section_id, e.student_id] for e in changes.restored],
        "problems": problems_to_json(changes.problems),
        "holds": list(changes.holds),
        "notes": list(changes.notes),
        "skipped": [
            [s.section_id, s.change, s.decision, s.subject_id, s.subject_name]
            for s in changes.skipped
        ],
        "waiting": [[section_id, list(notes)] for section_id, notes in changes.waiting],
        "exceptions_ended": [_exception_json(e) for e in changes.exceptions_ended],
        "exceptions_seen": [_exception_json(e) for e in changes.exceptions_seen],
    }


def _member_json(member: CoTeacher) -> list[str]:
    return [member.section_id, member.teacher_id, member.role.value]


def _exception_json(exception: StudentException) -> Json:
    return {
        "section_id": exception.section_id,
        "student_id": exception.student_id,
        "kind": exception.kind.value,
        "made_by": exception.made_by,
        "made_at": exception.made_at.isoformat(),
        "until": exception.until.isoformat() if exception.until else None,
        "clever_lists": exception.clever_lists,
    }


def _class_json(klass: Class) -> Json:
    values = class_values(klass)
    for name in ("term_start_date", "term_end_date"):
        day = values[name]
        values[name] = day.isoformat() if day else None
    return values


def changeset_from_json(data: Json) -> ChangeSet:
    if data.get("format") not in READABLE:
        raise ValueError(f"unknown held change set format {data.get('format')!r}")
    if data["format"] == 2:
        data = _from_format_2(data)
    return ChangeSet(
        teachers=tuple(teacher_from(t) for t in data["teachers"]),
        students=tuple(student_from(s) for s in data["students"]),
        classes_created=tuple(class_from(c) for c in data["classes_created"]),
        classes_updated=tuple(class_from(c) for c in data["classes_updated"]),
        classes_archived=tuple(data["classes_archived"]),
        classes_restored=tuple(data["classes_restored"]),
        classes_term_ended=tuple(data.get("classes_term_ended", ())),
        memberships_added=tuple(_member(m) for m in data["memberships_added"]),
        memberships_removed=tuple(_member(m) for m in data["memberships_removed"]),
        enrolled=tuple(Enrollment(sid, student) for sid, student in data["enrolled"]),
        dropped=tuple(Enrollment(sid, student, False) for sid, student in data["dropped"]),
        restored=tuple(Enrollment(sid, student) for sid, student in data["restored"]),
        problems=problems_from_json(data["problems"]),
        holds=tuple(data["holds"]),
        notes=tuple(data.get("notes", ())),
        # Held before teachers' decisions existed: none.
        skipped=tuple(SkippedChange(*item) for item in data.get("skipped", [])),
        waiting=tuple((sid, tuple(notes)) for sid, notes in data.get("waiting", [])),
        exceptions_ended=tuple(_exception(e) for e in data.get("exceptions_ended", [])),
        exceptions_seen=tuple(_exception(e) for e in data.get("exceptions_seen", [])),
    )


def _member(item: list[str]) -> CoTeacher:
    section_id, teacher_id, role = item
    return CoTeacher(section_id, teacher_id, TeacherRole(role))


def _exception(item: Json) -> StudentException:
    until = item["until"]
    return StudentException(
        item["section_id"],
        item["student_id"],
        ExceptionKind(item["kind"]),
        item["made_by"],
        datetime.fromisoformat(item["made_at"]),
        date.fromisoformat(until) if until else None,
        item["clever_lists"],
    )


def _from_format_2(data: Json) -> Json:
    """A change set held before class teachers had a role. Held change sets are a sync's
    removals: its exceptions were always empty, and of the teachers leaving only how many
    co-teach was kept, which is what the run counts; they are given that many co-teachers."""
    if data.get("exceptions_ended") or data.get("exceptions_seen"):
        raise ValueError("a format 2 change set with teachers' exceptions cannot be read")

    def with_roles(pairs: list[list[str]], co_teaching: int) -> list[list[str]]:
        roles = [TeacherRole.CO_TEACHER] * co_teaching
        roles += [TeacherRole.OWNER] * (len(pairs) - co_teaching)
        return [[sid, tid, role.value] for (sid, tid), role in zip(pairs, roles, strict=True)]

    return {
        **data,
        "memberships_added": with_roles(data["memberships_added"], data["co_teachers_added"]),
        "memberships_removed": with_roles(data["memberships_removed"], data["co_teachers_removed"]),
    }
