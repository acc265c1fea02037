"""Plain-JSON forms of a ChangeSet (held for approval) and of problems, and back."""

from __future__ import annotations

from typing import Any

from domain.changeset import ChangeSet
from domain.demographics import DemographicProfile
from domain.grade_level import GradeLevel
from domain.problems import Problem
from domain.roster import Class, EnrollmentKey, Membership, Student, Teacher

FORMAT = 1
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
        "teachers": [_teacher(t) for t in changes.teachers],
        "students": [_student(s) for s in changes.students],
        "classes_created": [_class(c) for c in changes.classes_created],
        "classes_updated": [_class(c) for c in changes.classes_updated],
        "classes_archived": list(changes.classes_archived),
        "classes_restored": list(changes.classes_restored),
        "memberships_added": [[m.section_id, m.teacher_id] for m in changes.memberships_added],
        "memberships_removed": [[m.section_id, m.teacher_id] for m in changes.memberships_removed],
        "enrolled": [[k.section_id, k.student_id] for k in changes.enrolled],
        "dropped": [[k.section_id, k.student_id] for k in changes.dropped],
        "restored": [[k.section_id, k.student_id] for k in changes.restored],
        "problems": problems_to_json(changes.problems),
        "holds": list(changes.holds),
        "co_teachers_added": changes.co_teachers_added,
        "co_teachers_removed": changes.co_teachers_removed,
    }


def changeset_from_json(data: Json) -> ChangeSet:
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown held change set format {data.get('format')!r}")
    return ChangeSet(
        teachers=tuple(
            Teacher(**{**t, "school_ids": tuple(t["school_ids"])}) for t in data["teachers"]
        ),
        students=tuple(_student_from(s) for s in data["students"]),
        classes_created=tuple(_class_from(c) for c in data["classes_created"]),
        classes_updated=tuple(_class_from(c) for c in data["classes_updated"]),
        classes_archived=tuple(data["classes_archived"]),
        classes_restored=tuple(data["classes_restored"]),
        memberships_added=tuple(Membership(*pair) for pair in data["memberships_added"]),
        memberships_removed=tuple(Membership(*pair) for pair in data["memberships_removed"]),
        enrolled=tuple(EnrollmentKey(*pair) for pair in data["enrolled"]),
        dropped=tuple(EnrollmentKey(*pair) for pair in data["dropped"]),
        restored=tuple(EnrollmentKey(*pair) for pair in data["restored"]),
        problems=problems_from_json(data["problems"]),
        holds=tuple(data["holds"]),
        co_teachers_added=data["co_teachers_added"],
        co_teachers_removed=data["co_teachers_removed"],
    )


def _grade(grade: GradeLevel | None) -> str | None:
    return grade.clever_value if grade else None


def _grade_from(value: str | None) -> GradeLevel | None:
    return GradeLevel(value) if value is not None else None


def _teacher(t: Teacher) -> Json:
    return {
        "clever_id": t.clever_id,
        "district_id": t.district_id,
        "name": t.name,
        "email": t.email,
        "school_ids": list(t.school_ids),
        "account_id": t.account_id,
        "rostering_started": t.rostering_started,
    }


def _student(s: Student) -> Json:
    return {
        "clever_id": s.clever_id,
        "district_id": s.district_id,
        "name": s.name,
        "email": s.email,
        "grade": _grade(s.grade),
        "demographics": s.demographics.as_dict(),
        "account_id": s.account_id,
    }


def _student_from(d: Json) -> Student:
    return Student(
        clever_id=d["clever_id"],
        district_id=d["district_id"],
        name=d["name"],
        email=d["email"],
        grade=_grade_from(d["grade"]),
        demographics=DemographicProfile(**d["demographics"]),
        account_id=d["account_id"],
    )


def _class(c: Class) -> Json:
    return {
        "section_id": c.section_id,
        "district_id": c.district_id,
        "school_id": c.school_id,
        "clever_name": c.clever_name,
        "subject": c.subject,
        "period": c.period,
        "grade": _grade(c.grade),
        "owner_id": c.owner_id,
        "custom_name": c.custom_name,
        "archived": c.archived,
    }


def _class_from(d: Json) -> Class:
    return Class(**{**d, "grade": _grade_from(d["grade"])})
