"""A teacher's classes in a sync's state stay right as the teachers before them land: the
school-year rules look at every class a teacher has, once per teacher of a batch."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher
from domain.landing import advance
from domain.roster import Class, RosterState

AT = datetime(2026, 9, 1, tzinfo=UTC)


def _state() -> RosterState:
    state = RosterState()
    for section_id, teacher_ids in {"c1": ("t1", "t2"), "c2": ("t1",), "c3": ("t3",)}.items():
        state.classes[section_id] = Class(
            section_id, "d1", "sch1", section_id, owner_id=teacher_ids[0]
        )
        for teacher_id in teacher_ids:
            state.seat(CoTeacher.of(section_id, teacher_id, teacher_ids[0]))
    return state


def _every_class_of(state: RosterState, teacher_id: str) -> set[str]:
    return {sid for sid, members in state.teachers_of.items() if teacher_id in members}


def test_a_teachers_classes_follow_the_co_teachers_added_and_removed() -> None:
    state = _state()
    assert state.classes_of_teacher("t1") == {"c1", "c2"}  # looked up before the landing

    advance(
        state,
        ChangeSet(
            memberships_added=(CoTeacher.of("c3", "t1", "t3"), CoTeacher.of("c3", "t2", "t3")),
            memberships_removed=(CoTeacher.of("c1", "t1", "t1"),),
        ),
        AT,
    )

    for teacher_id in ("t1", "t2", "t3", "t4"):
        assert state.classes_of_teacher(teacher_id) == _every_class_of(state, teacher_id)
    assert state.classes_of_teacher("t1") == {"c2", "c3"}
    assert state.classes_of_teacher("t4") == set()


def test_the_answer_is_a_copy_the_caller_may_change() -> None:
    state = _state()
    state.classes_of_teacher("t1").add("c9")
    assert state.classes_of_teacher("t1") == {"c1", "c2"}
