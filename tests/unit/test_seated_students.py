"""Which students a sync's state knows to be stored without their records: those with a seat in
a roster it holds. The answer stays right as the teachers of a batch land one after another."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.changeset import ChangeSet
from domain.enrollment import Enrollment
from domain.landing import advance
from domain.roster import Class, RosterState

AT = datetime(2026, 9, 1, tzinfo=UTC)


def _state() -> RosterState:
    state = RosterState()
    for section_id in ("c1", "c2"):
        state.classes[section_id] = Class(section_id, "d1", "sch1", section_id)
        state.enrollments[section_id] = {}
    state.enrol(Enrollment("c1", "s1"))
    state.enrol(Enrollment("c1", "s2", active=False))
    return state


def _seated_by_scan(state: RosterState) -> set[str]:
    return {pid for seats in state.enrollments.values() for pid in seats}


def test_a_dropped_enrollment_is_still_a_seat() -> None:
    state = _state()
    assert state.has_seat("s1") and state.has_seat("s2")
    assert not state.has_seat("s3")


def test_students_a_landing_enrols_have_a_seat_after_an_earlier_look_up() -> None:
    state = _state()
    assert not state.has_seat("s3")  # looked up before the landing

    advance(state, ChangeSet(enrolled=(Enrollment("c2", "s3"), Enrollment("c9", "s4"))), AT)

    assert state.has_seat("s3") and state.has_seat("s4")
    for student_id in ("s1", "s2", "s3", "s4", "s5"):
        assert state.has_seat(student_id) == (student_id in _seated_by_scan(state))


def test_a_drop_keeps_the_seat() -> None:
    state = _state()
    assert state.has_seat("s1")
    advance(state, ChangeSet(dropped=(Enrollment("c1", "s1", active=False),)), AT)
    assert state.has_seat("s1")
    assert state.enrollment("c1", "s1") is not None
    assert not state.enrollment("c1", "s1").active  # type: ignore[union-attr]
