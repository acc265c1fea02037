"""A listed student the state has an enrollment of is a stored student, record loaded or not."""

from __future__ import annotations

from domain.co_teacher import CoTeacher, TeacherRole
from domain.enrollment import Enrollment
from domain.reconcile import SyncScope, reconcile
from domain.roster import Class, RosterState
from domain.snapshot import CleverSection, RosterSnapshot


def _section(section_id: str, student_ids: tuple[str, ...]) -> CleverSection:
    return CleverSection(
        id=section_id,
        district_id="d1",
        school_id="s1",
        name="Math",
        subject=None,
        period=None,
        grade=None,
        teacher_id="t1",
        teacher_ids=("t1",),
        student_ids=student_ids,
    )


def _state() -> RosterState:
    return RosterState(
        classes={sid: Class(sid, "d1", "s1", "Math", owner_id="t1") for sid in ("c1", "c2")},
        teachers_of={sid: {"t1": CoTeacher(sid, "t1", TeacherRole.OWNER)} for sid in ("c1", "c2")},
        enrollments={
            "c1": {"kept": Enrollment("c1", "kept"), "left": Enrollment("c1", "left", False)},
            "c2": {"moving": Enrollment("c2", "moving")},
        },
    )


def test_students_seated_in_any_loaded_class_are_enrolled_without_their_records() -> None:
    snapshot = RosterSnapshot(sections=(_section("c1", ("kept", "left", "moving")),))
    changes = reconcile(_state(), snapshot, SyncScope(frozenset({"t1"})))

    assert changes.problems == ()
    assert changes.enrolled == (Enrollment("c1", "moving"),)
    assert changes.restored == (Enrollment("c1", "left"),)


def test_a_listed_student_seated_nowhere_and_not_stored_is_still_unknown() -> None:
    snapshot = RosterSnapshot(sections=(_section("c1", ("kept", "stranger")),))
    changes = reconcile(_state(), snapshot, SyncScope(frozenset({"t1"})))

    assert [p.message for p in changes.problems] == ["lists unknown student stranger"]
    assert changes.enrolled == ()
