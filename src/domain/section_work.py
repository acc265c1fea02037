"""Reconciling sections: each Clever section against its stored class, teachers and roster."""

from __future__ import annotations

from dataclasses import replace

from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher
from domain.enrollment import Enrollment
from domain.grade_level import GradeLevel
from domain.problems import InvalidValue, Problem
from domain.rollover import TermRules
from domain.roster import MAX_CLASS_NAME, Class, RosterState, Student, Teacher
from domain.snapshot import CleverSection
from domain.term import ArchiveReason, Term


class SectionWork:
    """Accumulates the class, class teacher and enrollment changes section by section."""

    def __init__(
        self,
        state: RosterState,
        complete: bool,
        new_students: set[str],
        problems: list[Problem],
        rules: TermRules,
    ) -> None:
        self.state = state
        self.rules = rules
        # Classes archived as "term ended", with the term that ended (for the run's notes).
        self.term_ended: dict[str, Term | None] = {}
        self.complete = complete
        self.new_students = new_students  # first seen in this snapshot
        self.problems = problems
        self.created: list[Class] = []
        self.updated: list[Class] = []
        self.archived: list[str] = []
        self.restored: list[str] = []
        self.added: list[CoTeacher] = []
        self.removed: list[CoTeacher] = []
        self.enrolled: list[Enrollment] = []
        self.dropped: list[Enrollment] = []
        self.restored_students: list[Enrollment] = []
        self.seen: set[str] = set()

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
        self._class_teachers(section, fresh)
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
            term = self.rules.current(existing)
            refreshed = existing if term == existing.term else replace(existing, term=term)
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
        self.term_ended[existing.section_id] = self.rules.current(existing)

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

    def _class_teachers(self, section: CleverSection, fresh: Class) -> None:
        """Teachers Clever lists join in their role under the (new) owner; those it no longer
        lists leave in the role they had."""
        current = self.state.teachers_of.get(section.id, {})
        listed = set(section.all_teacher_ids)
        for teacher_id in sorted(listed - current.keys()):
            self.added.append(CoTeacher.of(section.id, teacher_id, fresh.owner_id))
        for teacher_id in sorted(current.keys() - listed):
            self.removed.append(current[teacher_id])

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
            stored = current.get(student_id)
            if stored is None:
                self.enrolled.append(Enrollment(section.id, student_id))
            elif not stored.active:
                self.restored_students.append(Enrollment(section.id, student_id))
        if not self.complete:
            return
        for student_id in sorted(current):
            if current[student_id].active and student_id not in listed:
                self.dropped.append(Enrollment(section.id, student_id, active=False))

    def _known(self, student_id: str) -> bool:
        """A stored student, or one with an enrollment in any class of the state: enrollments
        exist only of stored students, so a listed student need not come with their record."""
        return (
            student_id in self.state.students
            or student_id in self.new_students
            or self.state.has_seat(student_id)
        )

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
        )


def _short(value: str | None) -> str | None:
    if not value:
        return None
    return value[:MAX_CLASS_NAME]
