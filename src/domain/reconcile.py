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
from domain.rollover import TermRules, term_ended_notes
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
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS, ArchiveReason, Term

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
    known_students = set(state.students) | {s.clever_id for s in students}
    rules = TermRules(scope.today, scope.term_end_archive_days, snapshot.terms)
    work = _SectionWork(state, snapshot.complete, known_students, problems, rules)
    for section in snapshot.sections:
        work.add_section(section)
    if snapshot.complete:
        for section_id in sorted(snapshot.gone_section_ids):
            work.archive(section_id)
        work.end_school_year(scope.teacher_ids)
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
        rules: TermRules,
    ) -> None:
        self.state = state
        self.rules = rules
        self.term_ended: list[str] = []
        self.ended_terms: list[Term | None] = []
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
        if self.rules.over(fresh):
            self._leave_as_history(existing, fresh)
            return
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
        """A section gone after its term ended is archived as "term ended" (never held)."""
        existing = self.state.classes.get(section_id)
        if existing is not None and not existing.archived and section_id not in self.seen:
            if self.rules.ended(existing):
                self._end_term(existing)
            else:
                self.archived.append(section_id)

    def end_school_year(self, teacher_ids: frozenset[str]) -> None:
        """The teachers' other live classes (those the snapshot does not list: an events
        sync lists changed sections only) take Clever's current term, and are archived once it
        is over for them."""
        handled = self.seen | set(self.archived) | set(self.term_ended)
        mine = set().union(*(self.state.classes_of_teacher(t) for t in teacher_ids))
        for section_id in sorted(mine - handled):
            existing = self.state.classes.get(section_id)
            if existing is None or existing.term is None or existing.archived:
                continue  # an archived class is history: its term stays as it was
            refreshed = replace(existing, term=self.rules.current(existing))
            if self.rules.over(refreshed):
                self._leave_as_history(existing, refreshed)
            elif refreshed.term != existing.term:
                self.updated.append(refreshed)

    def _leave_as_history(self, existing: Class | None, fresh: Class) -> None:
        """A class whose term is over stays as history: never created, never restored, its
        roster left as it is, archived as "term ended" if it is still live."""
        if existing is None:
            return
        ended = replace(fresh, archived=True, archived_reason=ArchiveReason.TERM_ENDED)
        if not existing.archived:
            self._end_term(replace(existing, term=fresh.term))
        elif existing.archived_reason is not ArchiveReason.TERM_ENDED:
            ended = replace(ended, archived_reason=existing.archived_reason)
        if not existing.same_clever_fields(fresh):
            self.updated.append(ended)

    def _end_term(self, existing: Class) -> None:
        self.term_ended.append(existing.section_id)
        self.ended_terms.append(self.rules.current(existing))

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
            term=self.rules.term_of(section.term_id, existing),
            kept_after_term=existing.kept_after_term if existing else False,
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
            classes_term_ended=tuple(self.term_ended),
            memberships_added=tuple(self.added),
            memberships_removed=tuple(self.removed),
            enrolled=tuple(self.enrolled),
            dropped=tuple(self.dropped),
            restored=tuple(self.restored_students),
            problems=problems,
            co_teachers_added=self.co_added,
            co_teachers_removed=self.co_removed,
            notes=term_ended_notes(self.ended_terms),
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
    dropped, or of a teacher's classes archived or lost. The additions land even while held, so
    the shares are of the class (and the teacher's classes) with them: the same sync run again
    is held the same way."""
    holds: list[str] = []
    drops: dict[str, int] = {}
    for key in changes.dropped:
        drops[key.section_id] = drops.get(key.section_id, 0) + 1
    renamed = {c.section_id: c for c in changes.classes_updated}
    joining: dict[str, int] = {}
    for key in (*changes.enrolled, *changes.restored):
        joining[key.section_id] = joining.get(key.section_id, 0) + 1
    for section_id, dropped in sorted(drops.items()):
        active = sum(state.enrollments.get(section_id, {}).values()) + joining.get(section_id, 0)
        if active and dropped / active > scope.hold_threshold:
            klass = renamed.get(section_id) or state.classes.get(section_id)
            name = klass.name if klass else section_id
            holds.append(f"would drop {dropped} of {active} students from {name}")
    archived = set(changes.classes_archived)
    for teacher_id in sorted(scope.teacher_ids):
        lost = {m.section_id for m in changes.memberships_removed if m.teacher_id == teacher_id}
        if not (archived or lost):
            continue  # nothing taken away: no need to count the teacher's classes
        active_classes = _live_classes_after_additions(state, changes, teacher_id)
        gone = (archived | lost) & active_classes
        if active_classes and len(gone) / len(active_classes) > scope.hold_threshold:
            holds.append(f"would remove {len(gone)} of {len(active_classes)} classes")
    return tuple(holds)


def _live_classes_after_additions(
    state: RosterState, changes: ChangeSet, teacher_id: str
) -> set[str]:
    """The teacher's live classes once the additions (and the "term ended" archives) landed."""
    taught = state.classes_of_teacher(teacher_id)
    taught |= {m.section_id for m in changes.memberships_added if m.teacher_id == teacher_id}
    live = {c.section_id for c in changes.classes_created} | set(changes.classes_restored)
    live |= {sid for sid, klass in state.classes.items() if not klass.archived and sid in taught}
    return (live & taught) - set(changes.classes_term_ended)
