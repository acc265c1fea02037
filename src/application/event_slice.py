"""The part of a district's events one teacher's sync answers for, as a roster snapshot."""

from __future__ import annotations

from application.event_scope import EventScope
from application.sync_runs import Settled
from domain.snapshot import CleverSection, RosterSnapshot


class EventSlicer:
    """A TeacherSlicer over a district's events: changed sections listing the teacher or
    already among their classes, those of their classes Clever no longer has, and the changed
    people of both. Sections left out stay as they are, so each slice is complete for what it
    holds."""

    def __init__(self, scope: EventScope) -> None:
        self.events = scope
        self.taught: dict[str, list[str]] = {}
        for section in scope.sections.values():
            for teacher_id in dict.fromkeys(section.all_teacher_ids):
                self.taught.setdefault(teacher_id, []).append(section.id)
        self.changed_in: dict[str, set[str]] = {}
        for person_id, section_ids in scope.person_sections.items():
            for section_id in section_ids:
                self.changed_in.setdefault(section_id, set()).add(person_id)

    def __call__(
        self, teacher_id: str, known: set[str], settled: Settled | None = None
    ) -> RosterSnapshot:
        """Settled students are left out (a reconcile would find them unchanged); their
        problems are kept."""
        sections = self._sections(teacher_id, known)
        listed = {s.id for s in sections}
        wanted = self._people(teacher_id, known, sections)
        done = settled or {}
        people = {
            pid: self.events.people[pid]
            for pid in sorted(wanted)
            if pid in self.events.people and pid not in done
        }
        own = wanted | listed | known
        problems = (
            *(p for p in self.events.problems if p.clever_id in own),
            *(p for pid in sorted(wanted & done.keys()) for p in done[pid]),
        )
        return RosterSnapshot(
            sections=sections,
            people=people,
            gone_section_ids=frozenset((self.events.gone_section_ids & known) - listed),
            complete=True,
            problems=problems,
            terms=self.events.terms,
        )

    def scope(self, teacher_id: str, known: set[str]) -> tuple[set[str], set[str]]:
        """The section ids and people ids of that slice, without building it."""
        sections = self._sections(teacher_id, known)
        section_ids = {s.id for s in sections} | known
        return section_ids, self._people(teacher_id, known, sections)

    def rostered(self) -> frozenset[str]:
        """A slice lists changed sections only: the teacher's other classes, even those a
        changed student sits in, are left as they are."""
        return frozenset(self.events.sections)

    def carried(self, people: set[str]) -> set[str]:
        """Only the people Clever's events changed come with their records."""
        return people & self.events.people.keys()

    def _sections(self, teacher_id: str, known: set[str]) -> tuple[CleverSection, ...]:
        chosen = set(self.taught.get(teacher_id, ())) | (known & self.events.sections.keys())
        return tuple(self.events.sections[sid] for sid in sorted(chosen))

    def _people(
        self, teacher_id: str, known: set[str], sections: tuple[CleverSection, ...]
    ) -> set[str]:
        wanted = {teacher_id}
        for section in sections:
            wanted.update(section.all_teacher_ids)
            wanted.update(section.student_ids)
        for section_id in known:
            wanted.update(self.changed_in.get(section_id, ()))
        return wanted
