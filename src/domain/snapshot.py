"""What Clever says right now: a roster snapshot, as the Clever adapter reads it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.problems import Problem
from domain.term import Term


@dataclass(frozen=True, slots=True)
class CleverSection:
    id: str
    district_id: str
    school_id: str | None
    name: str
    subject: str | None
    period: str | None
    grade: object
    teacher_id: str | None
    teacher_ids: tuple[str, ...]
    student_ids: tuple[str, ...]
    term_id: str | None = None

    @property
    def all_teacher_ids(self) -> tuple[str, ...]:
        """Every listed teacher; the primary teacher counts even when ``teachers`` omits them."""
        if self.teacher_id and self.teacher_id not in self.teacher_ids:
            return (self.teacher_id, *self.teacher_ids)
        return self.teacher_ids

    @property
    def owner_id(self) -> str | None:
        return self.teacher_id or (self.teacher_ids[0] if self.teacher_ids else None)


@dataclass(frozen=True, slots=True)
class CleverPerson:
    """A Clever user with the teacher or student role; grade and demographics are raw values."""

    id: str
    district_id: str
    role: str
    name: str
    email: str | None = None
    school_ids: tuple[str, ...] = ()
    grade: object = None
    demographics: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RosterSnapshot:
    """Sections and people as Clever lists them.

    ``gone_section_ids`` are sections Clever confirmed deleted or unshared. ``complete`` is false
    when a fetch failed or was cut short: then nothing may be dropped or archived. ``terms``
    are the district's terms by id, as Clever has them now (a section names its ``term_id``).
    """

    sections: tuple[CleverSection, ...] = ()
    people: Mapping[str, CleverPerson] = field(default_factory=dict)
    gone_section_ids: frozenset[str] = frozenset()
    complete: bool = True
    problems: tuple[Problem, ...] = ()
    terms: Mapping[str, Term] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ListedStudents:
    """The students Clever lists in one section right now, read from the section's user list.

    ``unusable`` are listed students whose record could not be read, each with the problem.
    """

    people: Mapping[str, CleverPerson] = field(default_factory=dict)
    sis_ids: Mapping[str, str] = field(default_factory=dict)
    unusable: Mapping[str, Problem] = field(default_factory=dict)

    def lists(self, student_id: str) -> bool:
        return student_id in self.people or student_id in self.unusable
