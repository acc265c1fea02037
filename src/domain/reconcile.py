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
from domain.problems import InvalidValue, Problem
from domain.roster import (
    MAX_CLASS_NAME,
    Class,
    EnrollmentKey,
    Membership,
    RosterState,
    Student,
    Teacher,
)
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot

DEFAULT_HOLD_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class SyncScope:
    """Whose classes a sync answers for, and whether it starts their rostering."""

    teacher_ids: frozenset[str]
    start_rostering: bool = False
    hold_threshold: float = DEFAULT_HOLD_THRESHOLD
    today: date | None = None  # when a teacher's keep-in dates are judged (None: none lapse)


def reconcile(state: RosterState, snapshot: RosterSnapshot, scope: SyncScope) -> ChangeSet:
    problems = list(snapshot.problems)
    teachers = _changed_teachers(state, snapshot.people.values(), scope)
    students = _changed_students(state, snapshot.people.values(), problems)
    known_students = set(state.students) | {s.clever_id for s in students}
    work = _SectionWork(state, snapshot.complete, known_students, problems)
    for section in snapshot.sections:
        work.add_section(section)
    if snapshot.complete:
        for section_id in sorted(snapshot.gone_section_ids):
            work.archive(section_id)
    changes = work.changeset(tuple(teachers), tuple(students), tuple(problems))
    # Teachers' decisions outrank Clever (rule 13): taken out before the hold counts.
    changes = apply_decisions(state, changes, snapshot, scope.today)
    holds = _holds(state, changes, scope)
    return replace(changes, holds=holds)


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


class _SectionWork:
    """Accumulates the class, membership and enrollment changes section by section."""

    def __init__(
        self,
        state: RosterState,
        complete: bool,
        known_students: set[str],
        problems: list[Problem],
    ) -> None:
        self.state = state
        self.complete = complete
        self.known_students = known_students
        self.problems = problems
        self.created: list[Class] = []
        self.updated: list[Class] = []
        self.archived: list[str] = []
        self.restored: list[str] = []
        self.added: list[Membership] = []
        self.removed: list[Membership] = []
        self.enrolled: list[EnrollmentKey] = []
        self.dropped: list[EnrollmentKey] = []
        self.restored_students: list[EnrollmentKey] = []
        self.co_added = 0
        self.co_removed = 0
        self.seen: set[str] = set()
        self._seated: set[str] | None = None

    def add_section(self, section: CleverSection) -> None:
        if section.id in self.seen:
            self.problems.append(Problem("section", section.id, "id", "listed more than once"))
            return
        self.seen.add(section.id)
        existing = self.state.classes.get(section.id)
        fresh = self._class_from(section, existing)
        if existing is None:
            self.created.append(fresh)
        else:
            if existing.archived:
                self.restored.append(section.id)
            if not existing.same_clever_fields(fresh):
                self.updated.append(fresh)
        self._memberships(section, existing, fresh)
        self._enrollments(section)

    def archive(self, section_id: str) -> None:
        existing = self.state.classes.get(section_id)
        if existing is not None and not existing.archived and section_id not in self.seen:
            self.archived.append(section_id)

    def _class_from(self, section: CleverSection, existing: Class | None) -> Class:
        try:
            grade = GradeLevel.from_clever(section.grade)
        except InvalidValue as exc:
            self.problems.append(Problem("section", section.id, "grade", str(exc)))
            grade = existing.grade if existing else None
        name = " ".join(section.name.split())
        if len(name) > MAX_CLASS_NAME:
            self.problems.append(
                Problem("section", section.id, "name", f"name longer than {MAX_CLASS_NAME}")
            )
            name = existing.clever_name if existing else name[:MAX_CLASS_NAME]
        if not name:
            name = existing.clever_name if existing else f"Section {section.id[-6:]}"
        if section.teacher_id and section.teacher_id not in section.teacher_ids:
            self.problems.append(
                Problem("section", section.id, "teachers", "primary teacher missing from teachers")
            )
        return Class(
            section_id=section.id,
            district_id=section.district_id,
            school_id=section.school_id,
            clever_name=name,
            subject=_short(section.subject),
            period=_short(section.period),
            grade=grade,
            owner_id=section.owner_id,
            custom_name=existing.custom_name if existing else None,
            archived=False,
        )

    def _memberships(self, section: CleverSection, existing: Class | None, fresh: Class) -> None:
        wanted = set(section.all_teacher_ids)
        current = self.state.teachers_of.get(section.id, set())
        old_owner = existing.owner_id if existing else None
        for teacher_id in sorted(wanted - current):
            self.added.append(Membership(section.id, teacher_id))
            self.co_added += teacher_id != fresh.owner_id
        for teacher_id in sorted(current - wanted):
            self.removed.append(Membership(section.id, teacher_id))
            self.co_removed += teacher_id != old_owner

    def _enrollments(self, section: CleverSection) -> None:
        listed = set(section.student_ids)
        current = self.state.enrollments.get(section.id, {})
        for student_id in sorted(listed):
            if not self._known(student_id):
                self.problems.append(
                    Problem(
                        "section", section.id, "students", f"lists unknown student {student_id}"
                    )
                )
                continue
            active = current.get(student_id)
            if active is None:
                self.enrolled.append(EnrollmentKey(section.id, student_id))
            elif not active:
                self.restored_students.append(EnrollmentKey(section.id, student_id))
        if not self.complete:
            return
        for student_id in sorted(current):
            if current[student_id] and student_id not in listed:
                self.dropped.append(EnrollmentKey(section.id, student_id))

    def _known(self, student_id: str) -> bool:
        """A stored student, or one with an enrollment in any class of the state: enrollments
        exist only of stored students, so a listed student need not come with their record."""
        if student_id in self.known_students:
            return True
        if self._seated is None:
            self._seated = {pid for seats in self.state.enrollments.values() for pid in seats}
        return student_id in self._seated

    def changeset(
        self,
        teachers: tuple[Teacher, ...],
        students: tuple[Student, ...],
        problems: tuple[Problem, ...],
    ) -> ChangeSet:
        return ChangeSet(
            teachers=teachers,
            students=students,
            classes_created=tuple(self.created),
            classes_updated=tuple(self.updated),
            classes_archived=tuple(self.archived),
            classes_restored=tuple(self.restored),
            memberships_added=tuple(self.added),
            memberships_removed=tuple(self.removed),
            enrolled=tuple(self.enrolled),
            dropped=tuple(self.dropped),
            restored=tuple(self.restored_students),
            problems=problems,
            co_teachers_added=self.co_added,
            co_teachers_removed=self.co_removed,
        )


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


def _short(value: str | None) -> str | None:
    if not value:
        return None
    return value[:MAX_CLASS_NAME]


def _holds(state: RosterState, changes: ChangeSet, scope: SyncScope) -> tuple[str, ...]:
    """Mass changes wait for a teacher's approval: more than the threshold of a class's students
    dropped, or of a teacher's classes archived or lost."""
    holds: list[str] = []
    drops: dict[str, int] = {}
    for key in changes.dropped:
        drops[key.section_id] = drops.get(key.section_id, 0) + 1
    for section_id, dropped in sorted(drops.items()):
        active = sum(state.enrollments.get(section_id, {}).values())
        if active and dropped / active > scope.hold_threshold:
            name = state.classes[section_id].name if section_id in state.classes else section_id
            holds.append(f"would drop {dropped} of {active} students from {name}")
    archived = set(changes.classes_archived)
    for teacher_id in sorted(scope.teacher_ids):
        lost = {m.section_id for m in changes.memberships_removed if m.teacher_id == teacher_id}
        if not (archived or lost):
            continue  # nothing taken away: no need to count the teacher's classes
        active_classes = {
            sid
            for sid in state.classes_of_teacher(teacher_id)
            if sid in state.classes and not state.classes[sid].archived
        }
        gone = (archived | lost) & active_classes
        if active_classes and len(gone) / len(active_classes) > scope.hold_threshold:
            holds.append(f"would remove {len(gone)} of {len(active_classes)} classes")
    return tuple(holds)
