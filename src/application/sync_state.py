"""What a sync reads from storage: the stored state its reconcile compares Clever's with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.ports import UnitOfWork
from domain.changeset import ChangeSet
from domain.problems import Problem
from domain.roster import RosterState
from domain.snapshot import RosterSnapshot

if TYPE_CHECKING:
    from application.sync_runs import Settled, TeacherSlicer


def snapshot_scope(
    state_section_ids: set[str], snapshot: RosterSnapshot
) -> tuple[set[str], set[str]]:
    """Sections and people a reconcile must load from storage for this snapshot."""
    sections = (
        state_section_ids | {s.id for s in snapshot.sections} | set(snapshot.gone_section_ids)
    )
    people = set(snapshot.people)
    for section in snapshot.sections:
        people.update(section.all_teacher_ids)
        people.update(section.student_ids)
    return sections, people


def load_batch_state(
    uow: UnitOfWork, teacher_ids: list[str], slice_for: TeacherSlicer
) -> tuple[RosterState, dict[str, set[str]]]:
    """Stored state for a batch of teachers, and per teacher the sections their sync may touch:
    those Clever lists them on and those stored as theirs (a later teacher of the batch can
    only gain sections Clever lists them on)."""
    listed = {t: slice_for.scope(t, set()) for t in teacher_ids}
    sections: set[str] = set()
    people: set[str] = set(teacher_ids)
    for more_sections, more_people in listed.values():
        sections |= more_sections
        people |= more_people
    # Every class of the batch's teachers a sync may change comes whole (their others as ids:
    # the mass-change hold counts them), with its enrollments only when a slice may list it.
    # Records come apart, below.
    state = uow.rosters.load_state(
        sections,
        teacher_ids,
        people,
        slice_for.rostered(),
        records=False,
        reached=slice_for.reached(),
    )
    candidates = {t: set(listed[t][0]) for t in teacher_ids}
    for section_id, members in state.teachers_of.items():
        for teacher_id in members:
            if teacher_id in candidates:
                candidates[teacher_id].add(section_id)
    wanted: set[str] = set(people)
    for teacher_id in teacher_ids:
        wanted |= slice_for.scope(teacher_id, candidates[teacher_id])[1]
    # A reconcile compares the records a slice carries with the stored ones; a listed student
    # with an enrollment in a loaded class is known to be stored (reconcile counts them so),
    # so an unchanged student's record is not read.
    unseated = {pid for pid in wanted if not state.has_seat(pid)}
    records = uow.rosters.load_state((), (), slice_for.carried(wanted) | unseated)
    state.students.update(records.students)
    state.teachers.update(records.teachers)
    return state, candidates


def check_rosters_loaded(state: RosterState, snapshot: RosterSnapshot) -> None:
    """A stored class reconciled without its enrollments would have every student enrolled
    again: refuse rather than write that."""
    for section in snapshot.sections:
        if section.id in state.classes and section.id not in state.enrollments:
            raise RuntimeError(f"section {section.id} was sliced but its roster was not loaded")


def teaches(state: RosterState, section_id: str, teacher_id: str) -> bool:
    return teacher_id in state.teachers_of.get(section_id, ())


def settle(settled: Settled, snapshot: RosterSnapshot, changes: ChangeSet) -> None:
    """Once ``changes`` landed, the stored record of every student of ``snapshot`` is what
    Clever says: another teacher's sync of the batch needs only their problems."""
    given = set(snapshot.problems)
    found: dict[str, list[Problem]] = {}
    for problem in changes.problems:
        if problem.record_type == "student" and problem not in given:
            found.setdefault(problem.clever_id, []).append(problem)
    for person in snapshot.people.values():
        if person.role == "student":
            settled[person.id] = tuple(found.get(person.id, ()))
