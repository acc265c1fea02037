from __future__ import annotations

import json

import pytest

from adapters.sqlalchemy.changeset_json import changeset_from_json, changeset_to_json
from domain.changeset import ChangeSet
from domain.decisions import SkippedChange
from domain.demographics import DemographicProfile
from domain.grade_level import GradeLevel
from domain.problems import Problem
from domain.roster import Class, EnrollmentKey, Membership, Student, Teacher


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
        memberships_added=(Membership("c1", "t1"),),
        memberships_removed=(Membership("c2", "t9"),),
        enrolled=(EnrollmentKey("c1", "k1"),),
        dropped=(EnrollmentKey("c2", "k2"),),
        restored=(EnrollmentKey("c2", "k1"),),
        problems=(Problem("student", "k3", "grade", "unknown grade level 'Z'"),),
        holds=("would drop 1 of 1 students from Math",),
        co_teachers_added=1,
        co_teachers_removed=2,
        skipped=(
            SkippedChange("c2", "enrol", "KEEP_OUT", "k3", "Ana"),
            SkippedChange("c4", "update", "PAUSED", None, "New name"),
        ),
        waiting=(("c4", ("Clever renamed it “New name”", "2 students to drop")),),
        exceptions_ended=(EnrollmentKey("c2", "k4"),),
        exceptions_seen=((EnrollmentKey("c2", "k3"), True),),
    )

    stored = json.loads(json.dumps(changeset_to_json(changes)))

    assert changeset_from_json(stored) == changes


def test_an_unknown_format_is_refused_rather_than_misread() -> None:
    data = changeset_to_json(ChangeSet())
    data["format"] = 99
    with pytest.raises(ValueError, match="format"):
        changeset_from_json(data)


def test_a_change_set_held_before_decisions_existed_reads_back_without_any() -> None:
    data = changeset_to_json(ChangeSet(dropped=(EnrollmentKey("c1", "k1"),)))
    for key in ("skipped", "waiting", "exceptions_ended", "exceptions_seen"):
        del data[key]

    restored = changeset_from_json(data)

    assert restored.dropped == (EnrollmentKey("c1", "k1"),)
    assert restored.skipped == () and restored.exceptions_seen == ()
