"""Roster entities: teachers, students, classes and the state they are in today."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from domain.co_teacher import CoTeacher
from domain.decisions import ModeDecision, StudentException
from domain.demographics import DemographicProfile
from domain.enrollment import Enrollment
from domain.grade_level import GradeLevel
from domain.names import NAME_CHARACTERS, unfit_for_a_name
from domain.term import ArchiveReason, Term

MAX_CLASS_NAME = 255


@dataclass(frozen=True, slots=True)
class Teacher:
    clever_id: str
    district_id: str
    name: str
    email: str | None = None
    school_ids: tuple[str, ...] = ()
    account_id: int | None = None
    rostering_started: bool = False

    @property
    def connected(self) -> bool:
        """A teacher gains access to their classes once they connect Clever."""
        return self.account_id is not None

    def same_clever_fields(self, other: Teacher) -> bool:
        return (self.name, self.email, self.school_ids, self.district_id) == (
            other.name,
            other.email,
            other.school_ids,
            other.district_id,
        )


@dataclass(frozen=True, slots=True)
class Student:
    clever_id: str
    district_id: str
    name: str
    email: str | None = None
    grade: GradeLevel | None = None
    demographics: DemographicProfile = field(default_factory=DemographicProfile)
    account_id: int | None = None

    @property
    def joined(self) -> bool:
        """A student joins at their first Clever login, claiming this record."""
        return self.account_id is not None

    def same_clever_fields(self, other: Student) -> bool:
        return (self.name, self.email, self.grade, self.demographics, self.district_id) == (
            other.name,
            other.email,
            other.grade,
            other.demographics,
            other.district_id,
        )


@dataclass(frozen=True, slots=True)
class Class:
    """One class per Clever section, shared by every teacher of the section."""

    section_id: str
    district_id: str
    school_id: str | None
    clever_name: str
    subject: str | None = None
    period: str | None = None
    grade: GradeLevel | None = None
    owner_id: str | None = None
    custom_name: str | None = None
    archived: bool = False
    term: Term | None = None
    kept_after_term: bool = False
    archived_reason: ArchiveReason | None = None

    @property
    def name(self) -> str:
        """A name the teacher chose in the app wins over Clever's."""
        return self.custom_name or self.clever_name

    def renamed(self, name: str) -> Class:
        if unfit_for_a_name(name):
            raise ValueError(f"A class name cannot contain {NAME_CHARACTERS}.")
        cleaned = " ".join(name.split())
        if not cleaned:
            raise ValueError("a class name cannot be empty")
        if len(cleaned) > MAX_CLASS_NAME:
            raise ValueError(f"a class name has at most {MAX_CLASS_NAME} characters")
        return replace(self, custom_name=cleaned)

    def same_clever_fields(self, other: Class) -> bool:
        return (
            self.clever_name,
            self.subject,
            self.period,
            self.grade,
            self.owner_id,
            self.school_id,
            self.term,
        ) == (
            other.clever_name,
            other.subject,
            other.period,
            other.grade,
            other.owner_id,
            other.school_id,
            other.term,
        )

    def term_over(self, today: date, archive_days: int) -> bool:
        """Its term ended more than ``archive_days`` ago and no teacher chose to keep it."""
        return (
            not self.kept_after_term
            and self.term is not None
            and self.term.over_for(today, archive_days)
        )


@dataclass(slots=True)
class RosterState:
    """Today's stored state for the sections, people and class teachers a sync looks at.

    ``teachers_of`` maps section id -> teacher id -> CoTeacher; ``enrollments`` maps section id
    -> student id -> Enrollment (a dropped one stays: history). A class loaded without its
    roster has no entry in ``enrollments``. ``live_by_id`` maps teacher id -> ids of their
    live classes held by id only: a sync that cannot touch them (an events sync, for classes
    its events do not reach) loads no more of them than the class hold counts.
    """

    classes: dict[str, Class] = field(default_factory=dict)
    teachers_of: dict[str, dict[str, CoTeacher]] = field(default_factory=dict)
    enrollments: dict[str, dict[str, Enrollment]] = field(default_factory=dict)
    students: dict[str, Student] = field(default_factory=dict)
    teachers: dict[str, Teacher] = field(default_factory=dict)
    # Teachers' decisions about the loaded classes: sync modes, and section -> student -> exception.
    modes: dict[str, ModeDecision] = field(default_factory=dict)
    exceptions: dict[str, dict[str, StudentException]] = field(default_factory=dict)
    live_by_id: dict[str, set[str]] = field(default_factory=dict)
    # teacher id -> their section ids, made on the first look-up, then kept by seat/unseat.
    _by_teacher: dict[str, set[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # Students with an enrollment in a loaded roster, made on the first look-up, kept by enrol.
    _seated: set[str] | None = field(default=None, init=False, repr=False, compare=False)

    def classes_of_teacher(self, teacher_id: str) -> set[str]:
        if self._by_teacher is None:
            self._by_teacher = {}
            for section_id, members in self.teachers_of.items():
                for member_id in members:
                    self._by_teacher.setdefault(member_id, set()).add(section_id)
        return set(self._by_teacher.get(teacher_id, ()))

    def seat(self, member: CoTeacher) -> None:
        """``member`` teaches their section, in their role."""
        self.teachers_of.setdefault(member.section_id, {})[member.teacher_id] = member
        if self._by_teacher is not None:
            self._by_teacher.setdefault(member.teacher_id, set()).add(member.section_id)

    def unseat(self, section_id: str, teacher_id: str) -> None:
        self.teachers_of.get(section_id, {}).pop(teacher_id, None)
        if self._by_teacher is not None:
            self._by_teacher.get(teacher_id, set()).discard(section_id)

    def has_seat(self, student_id: str) -> bool:
        """The student has an enrollment, active or dropped, in a roster the state holds."""
        if self._seated is None:
            self._seated = {pid for seats in self.enrollments.values() for pid in seats}
        return student_id in self._seated

    def enrol(self, enrollment: Enrollment) -> None:
        """``enrollment`` is its student's seat in its class's roster, as it now stands."""
        seats = self.enrollments.setdefault(enrollment.section_id, {})
        seats[enrollment.student_id] = enrollment
        if self._seated is not None:
            self._seated.add(enrollment.student_id)

    def enrollment(self, section_id: str, student_id: str) -> Enrollment | None:
        return self.enrollments.get(section_id, {}).get(student_id)

    def active_students(self, section_id: str) -> int:
        return sum(e.active for e in self.enrollments.get(section_id, {}).values())
