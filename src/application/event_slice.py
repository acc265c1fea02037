"""The part of a district's events one teacher's sync answers for, as a roster snapshot."""

from __future__ import annotations

from application.event_scope import EventScope
from application.teacher_slices import PlacedProblems, TeacherSlices
from domain.problems import Problem
from domain.snapshot import CleverSection


class EventSlicer(TeacherSlices):
    """A TeacherSlicer over a district's events: changed sections listing the teacher or
    already among their classes, those of their classes Clever no longer has, and the changed
    people of both. Sections left out stay as they are, so each slice is complete for what it
    holds."""

    def __init__(self, scope: EventScope, term_due: frozenset[str] = frozenset()) -> None:
        """``term_due``: stored classes the term rules touch today (their term changed, or
        the year-end archive came), which the events may not name."""
        self.events = scope
        self.term_due = term_due
        self.people = scope.people
        self.terms = scope.terms
        self.taught: dict[str, list[str]] = {}
        for section in scope.sections.values():
            for teacher_id in dict.fromkeys(section.all_teacher_ids):
                self.taught.setdefault(teacher_id, []).append(section.id)
        self.changed_in: dict[str, set[str]] = {}
        for person_id, section_ids in scope.person_sections.items():
            for section_id in section_ids:
                self.changed_in.setdefault(section_id, set()).add(person_id)
        self.problems = PlacedProblems(enumerate(scope.problems))

    def rostered(self) -> frozenset[str]:
        """A slice lists changed sections only: the teacher's other classes, even those a
        changed student sits in, are left as they are."""
        return frozenset(self.events.sections)

    def carried(self, people: set[str]) -> set[str]:
        """Only the people Clever's events changed come with their records."""
        return people & self.events.people.keys()

    def reached(self) -> frozenset[str]:
        """Changed and gone sections, the classes of changed people, and the classes the term
        rules touch: a teacher's other classes stay as they are."""
        events = self.events
        return frozenset(
            {*events.sections, *events.gone_section_ids, *self.changed_in, *self.term_due}
        )

    def _sections(self, teacher_id: str, known: set[str]) -> tuple[CleverSection, ...]:
        chosen = set(self.taught.get(teacher_id, ())) | (known & self.events.sections.keys())
        return tuple(self.events.sections[sid] for sid in sorted(chosen))

    def _people(
        self, teacher_id: str, known: set[str], sections: tuple[CleverSection, ...]
    ) -> set[str]:
        wanted = super()._people(teacher_id, known, sections)
        for section_id in known:
            wanted.update(self.changed_in.get(section_id, ()))
        return wanted

    def _gone(self, known: set[str], sections: tuple[CleverSection, ...]) -> frozenset[str]:
        return frozenset((self.events.gone_section_ids & known) - {s.id for s in sections})

    def _problems(
        self, wanted: set[str], sections: tuple[CleverSection, ...], known: set[str]
    ) -> tuple[Problem, ...]:
        return self.problems.of(wanted | {s.id for s in sections} | known)
