"""Roster reconciliation: today's state + Clever's snapshot -> the ChangeSet a sync applies.

The same pure function serves preview, apply and the mass-change hold, so what a teacher
previews is exactly what lands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from domain.changeset import ChangeSet
from domain.decide import apply_decisions
from domain.demographics import ParsedDemographics, parse_demographics
from domain.grade_level import GradeLevel
from domain.hold import holds
from domain.problems import InvalidValue, Problem
from domain.rollover import TermRules, term_ended_notes
from domain.roster import RosterState, Student, Teacher
from domain.section_work import SectionWork
from domain.snapshot import CleverPerson, RosterSnapshot
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS

DEFAULT_HOLD_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class SyncScope:
    """Whose classes a sync answers for, and whether it starts their rostering. ``today``
    turns on the term rules (rule 15); without it no archive is "term ended"."""

    teacher_ids: frozenset[str]
    start_rostering: bool = False
    hold_threshold: float = DEFAULT_HOLD_THRESHOLD
    # When keep-in dates and terms are judged (None: no keep-in lapses, no term has ended).
    today: date | None = None
    term_end_archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS


def reconcile(state: RosterState, snapshot: RosterSnapshot, scope: SyncScope) -> ChangeSet:
    problems = list(snapshot.problems)
    teachers = _changed_teachers(state, snapshot.people.values(), scope)
    students = _changed_students(state, snapshot.people.values(), problems)
    new_students = {s.clever_id for s in students if s.clever_id not in state.students}
    rules = TermRules(scope.today, scope.term_end_archive_days, snapshot.terms)
    work = SectionWork(state, snapshot.complete, new_students, problems, rules)
    for section in snapshot.sections:
        work.add_section(section)
    if snapshot.complete:
        for section_id in sorted(snapshot.gone_section_ids):
            work.archive(section_id)
        work.end_school_year(scope.teacher_ids)
    changes = work.changeset(tuple(teachers), tuple(students), tuple(problems))
    # Teachers' decisions outrank Clever (rule 13): taken out before the hold counts.
    changes = apply_decisions(state, changes, snapshot, scope.today)
    return replace(
        changes,
        holds=holds(state, changes, scope.teacher_ids, scope.hold_threshold),
        notes=term_ended_notes(work.term_ended[sid] for sid in changes.classes_term_ended),
    )


def _changed_teachers(
    state: RosterState, people: Iterable[CleverPerson], scope: SyncScope
) -> list[Teacher]:
    changed: dict[str, Teacher] = {}
    for person in people:
        if person.role != "teacher":
            continue
        stored = state.teachers.get(person.id)
        fresh = Teacher(
            clever_id=person.id,
            district_id=person.district_id,
            name=person.name,
            email=person.email,
            school_ids=person.school_ids,
            account_id=stored.account_id if stored else None,
            rostering_started=stored.rostering_started if stored else False,
        )
        if stored is None or not stored.same_clever_fields(fresh):
            changed[person.id] = fresh
    if scope.start_rostering:
        for teacher_id in sorted(scope.teacher_ids):
            current = changed.get(teacher_id) or state.teachers.get(teacher_id)
            if current is not None and not current.rostering_started:
                changed[teacher_id] = replace(current, rostering_started=True)
    return [changed[k] for k in sorted(changed)]


def _changed_students(
    state: RosterState, people: Iterable[CleverPerson], problems: list[Problem]
) -> list[Student]:
    changed: list[Student] = []
    for person in people:
        if person.role != "student":
            continue
        stored = state.students.get(person.id)
        try:
            grade = GradeLevel.from_clever(person.grade)
        except InvalidValue as exc:
            problems.append(Problem("student", person.id, "grade", str(exc)))
            grade = stored.grade if stored else None
        parsed = _parsed_demographics(person.demographics)
        for field_name, message in sorted(parsed.refused.items()):
            problems.append(Problem("student", person.id, field_name, message))
        fresh = Student(
            clever_id=person.id,
            district_id=person.district_id,
            name=person.name,
            email=person.email,
            grade=grade,
            demographics=parsed.merged_over(stored.demographics if stored else None),
            account_id=stored.account_id if stored else None,
        )
        if stored is None or not stored.same_clever_fields(fresh):
            changed.append(fresh)
    return sorted(changed, key=lambda s: s.clever_id)


def _parsed_demographics(raw: Mapping[str, object]) -> ParsedDemographics:
    """A district job meets the same few value combinations tens of thousands of times."""
    key = tuple((name, type(value), value) for name, value in sorted(raw.items()))
    try:
        return _parse_known(key)
    except TypeError:  # an unhashable value (a malformed record): parse it as it is
        return parse_demographics(raw)


@lru_cache(maxsize=4096)
def _parse_known(key: tuple[tuple[str, type, object], ...]) -> ParsedDemographics:
    return parse_demographics({name: value for name, _, value in key})
