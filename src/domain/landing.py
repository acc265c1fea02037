"""What storage holds once a ChangeSet landed: the one statement of what a roster write does.

The roster repositories write exactly this (the SQL writer is tested against it), and a batch
of syncs brings its state along with it from one teacher's sync to the next. Claims, a
teacher's own class name, a kept class and a rostering flag are never taken away; only a row
whose state changes counts as written (an archived class is not archived again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher
from domain.enrollment import Enrollment
from domain.roster import Class, RosterState
from domain.term import ArchiveReason

# An enrollment a landing changed, for its roster history: ("added" | "restored" | "dropped",
# the enrollment as it landed). A cold district sync lands them by the ten thousand.
RosterEvent = tuple[str, Enrollment]


def advance(state: RosterState, changes: ChangeSet, at: datetime) -> list[RosterEvent]:
    """Bring ``state`` to what it is once ``changes`` landed at ``at``; returns the roster
    history that landing records. Reads no clock and no storage: only ``state`` changes."""
    _land_people(state, changes)
    _land_classes(state, changes)
    for member in changes.memberships_added:
        klass = state.classes.get(member.section_id)
        owner = klass.owner_id if klass else None
        state.seat(CoTeacher.of(member.section_id, member.teacher_id, owner))
    for member in changes.memberships_removed:
        state.unseat(member.section_id, member.teacher_id)
    _land_decisions(state, changes)
    return [
        *_enrol(state, changes.enrolled, at),
        *_restore(state, changes.restored),
        *_drop(state, changes.dropped, at),
    ]


def _land_people(state: RosterState, changes: ChangeSet) -> None:
    for teacher in changes.teachers:
        stored = state.teachers.get(teacher.clever_id)
        if stored is not None:
            started = teacher.rostering_started or stored.rostering_started
            teacher = replace(teacher, account_id=stored.account_id, rostering_started=started)
        state.teachers[teacher.clever_id] = teacher
    for student in changes.students:
        stored_student = state.students.get(student.clever_id)
        account_id = stored_student.account_id if stored_student else None
        state.students[student.clever_id] = replace(student, account_id=account_id)


def _land_classes(state: RosterState, changes: ChangeSet) -> None:
    for klass in changes.classes_created:
        state.enrollments.setdefault(klass.section_id, {})  # a new class: an empty roster
    for klass in (*changes.classes_created, *changes.classes_updated):
        stored = state.classes.get(klass.section_id)
        if stored is not None:
            klass = replace(
                klass, custom_name=stored.custom_name, kept_after_term=stored.kept_after_term
            )
        state.classes[klass.section_id] = klass
        _seat_teachers(state, klass)
    for reason, archived in (
        (ArchiveReason.SECTION_GONE, changes.classes_archived),
        (ArchiveReason.TERM_ENDED, changes.classes_term_ended),
    ):
        for section_id in archived:
            found = state.classes.get(section_id)
            if found is not None and not found.archived:
                state.classes[section_id] = replace(found, archived=True, archived_reason=reason)
    for section_id in changes.classes_restored:
        found = state.classes.get(section_id)
        if found is not None and found.archived:
            state.classes[section_id] = replace(found, archived=False, archived_reason=None)


def _seat_teachers(state: RosterState, klass: Class) -> None:
    """The class's teachers take their roles under its owner (who may have changed)."""
    teachers = state.teachers_of.setdefault(klass.section_id, {})
    for teacher_id, member in teachers.items():
        seated = CoTeacher.of(klass.section_id, teacher_id, klass.owner_id)
        if seated != member:
            teachers[teacher_id] = seated


def _land_decisions(state: RosterState, changes: ChangeSet) -> None:
    for section_id, notes in changes.waiting:
        if section_id in state.modes:
            state.modes[section_id] = replace(state.modes[section_id], waiting=notes)
    for seen in changes.exceptions_seen:
        kept = state.exceptions.get(seen.section_id, {})
        if seen.student_id in kept:
            stored = kept[seen.student_id]
            kept[seen.student_id] = replace(stored, clever_lists=seen.clever_lists)
    for ended in changes.exceptions_ended:
        of_class = state.exceptions.get(ended.section_id, {})
        of_class.pop(ended.student_id, None)
        if not of_class:
            state.exceptions.pop(ended.section_id, None)


def _enrol(state: RosterState, enrolled: Iterable[Enrollment], at: datetime) -> list[RosterEvent]:
    """A new enrollment, or a dropped one made active again (recorded as added too)."""
    events: list[RosterEvent] = []
    for change in enrolled:
        stored = state.enrollment(change.section_id, change.student_id)
        if stored is None:
            landed = Enrollment(change.section_id, change.student_id, True, at)
        elif not stored.active:
            landed = stored.restored()
        else:
            continue
        state.enrol(landed)
        events.append(("added", landed))
    return events


def _restore(state: RosterState, restored: Iterable[Enrollment]) -> list[RosterEvent]:
    events: list[RosterEvent] = []
    for change in restored:
        seats = state.enrollments.get(change.section_id, {})
        stored = seats.get(change.student_id)
        if stored is not None and not stored.active:
            seats[change.student_id] = landed = stored.restored()
            events.append(("restored", landed))
    return events


def _drop(state: RosterState, dropped: Iterable[Enrollment], at: datetime) -> list[RosterEvent]:
    events: list[RosterEvent] = []
    for change in dropped:
        seats = state.enrollments.get(change.section_id, {})
        stored = seats.get(change.student_id)
        if stored is not None and stored.active:
            seats[change.student_id] = landed = stored.dropped(at)
            events.append(("dropped", landed))
    return events
