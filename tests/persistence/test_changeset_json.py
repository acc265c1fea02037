from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from adapters.sqlalchemy.changeset_json import changeset_from_json, changeset_to_json
from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher, TeacherRole
from domain.decisions import ExceptionKind, SkippedChange, StudentException
from domain.demographics import DemographicProfile
from domain.enrollment import Enrollment
from domain.grade_level import GradeLevel
from domain.problems import Problem
from domain.roster import Class, Student, Teacher

MADE = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def test_a_full_change_set_survives_json() -> None:
    changes = ChangeSet(
        teachers=(Teacher("t1", "d1", "Ms Lee", None, ("s1", "s2"), 4, True),),
        students=(
            Student(
                "k1",
                "d1",
                "Kim",
                "k@x.org",
                GradeLevel("PreKindergarten"),
                DemographicProfile(True, None, False, "Free", "Two or more", "X"),
                9,
            ),
            Student("k2", "d1", "Bo"),
        ),
        classes_created=(Class("c1", "d1", None, "Art", None, None, None, None),),
        classes_updated=(
            Class("c2", "d1", "s1", "Math", "math", "3", GradeLevel("12"), "t1", "Ours"),
        ),
        classes_archived=("c3",),
        classes_restored=("c4",),
        memberships_added=(CoTeacher("c1", "t1", TeacherRole.OWNER),),
        memberships_removed=(CoTeacher("c2", "t9"), CoTeacher("c2", "t8")),
        enrolled=(Enrollment("c1", "k1"),),
        dropped=(Enrollment("c2", "k2", active=False),),
        restored=(Enrollment("c2", "k1"),),
        problems=(Problem("student", "k3", "grade", "unknown grade level 'Z'"),),
        holds=("would drop 1 of 1 students from Math",),
        skipped=(
            SkippedChange("c2", "enrol", "KEEP_OUT", "k3", "Ana"),
            SkippedChange("c4", "update", "PAUSED", None, "New name"),
        ),
        waiting=(("c4", ("Clever renamed it “New name”", "2 students to drop")),),
        exceptions_ended=(
            StudentException("c2", "k4", ExceptionKind.KEEP_IN, "t1", MADE, date(2026, 6, 1)),
        ),
        exceptions_seen=(
            StudentException("c2", "k3", ExceptionKind.KEEP_OUT, "t1", MADE, clever_lists=True),
        ),
    )

    stored = json.loads(json.dumps(changeset_to_json(changes)))

    assert changeset_from_json(stored) == changes


def test_an_unknown_format_is_refused_rather_than_misread() -> None:
    data = changeset_to_json(ChangeSet())
    data["format"] = 99
    with pytest.raises(ValueError, match="format"):
        changeset_from_json(data)


def test_a_change_set_held_before_decisions_existed_reads_back_without_any() -> None:
    data = changeset_to_json(ChangeSet(dropped=(Enrollment("c1", "k1", active=False),)))
    for key in ("skipped", "waiting", "exceptions_ended", "exceptions_seen"):
        del data[key]

    restored = changeset_from_json(data)

    assert restored.dropped == (Enrollment("c1", "k1", active=False),)
    assert restored.skipped == () and restored.exceptions_seen == ()


def test_a_change_set_held_before_teachers_had_roles_keeps_its_co_teacher_count() -> None:
    """Format 2 kept class teachers as pairs, and how many of them co-teach."""
    held = {
        **changeset_to_json(ChangeSet()),
        "format": 2,
        "memberships_removed": [["c1", "t1"], ["c1", "t2"], ["c2", "t3"]],
        "dropped": [["c1", "k1"]],
        "co_teachers_added": 0,
        "co_teachers_removed": 2,
    }

    restored = changeset_from_json(json.loads(json.dumps(held)))

    assert [(m.section_id, m.teacher_id) for m in restored.memberships_removed] == [
        ("c1", "t1"),
        ("c1", "t2"),
        ("c2", "t3"),
    ]
    assert restored.counts.co_teachers_removed == 2
    assert restored.dropped == (Enrollment("c1", "k1", active=False),)
