"""What a teacher's slice is made of, whether it is cut from a pulled district or from the
district's events: the sections chosen for the teacher, everyone they list, and the problems
of those records, in the order Clever gave them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from application.sync_runs import Settled
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot
from domain.term import Term


class PlacedProblems:
    """Problems by the id they name, each with its place in Clever's answer."""

    def __init__(self, placed: Iterable[tuple[int, Problem]] = ()) -> None:
        self.by_place: dict[int, Problem] = {}
        self.by_id: dict[str, list[int]] = {}
        self.add(placed)

    def add(self, placed: Iterable[tuple[int, Problem]]) -> None:
        for place, problem in placed:
            if place not in self.by_place:
                self.by_place[place] = problem
                self.by_id.setdefault(problem.clever_id, []).append(place)

    def of(self, clever_ids: Iterable[str]) -> tuple[Problem, ...]:
        """The problems of these ids, in the order Clever gave them."""
        places = sorted(p for clever_id in clever_ids for p in self.by_id.get(clever_id, ()))
        return tuple(self.by_place[p] for p in places)


class TeacherSlices:
    """A TeacherSlicer (application.sync_runs) made of a few choices its kinds make apart:
    which sections a teacher's slice lists, which are gone, whose problems come along."""

    people: Mapping[str, CleverPerson]
    terms: Mapping[str, Term]
    complete: bool = True

    def __call__(
        self, teacher_id: str, known: set[str], settled: Settled | None = None
    ) -> RosterSnapshot:
        """Settled students are left out (a reconcile would find them unchanged); their
        problems are kept."""
        sections = self._sections(teacher_id, known)
        wanted = self._people(teacher_id, known, sections)
        done = settled or {}
        people = {
            pid: self.people[pid]
            for pid in sorted(wanted)
            if pid in self.people and pid not in done
        }
        return RosterSnapshot(
            sections=sections,
            people=people,
            gone_section_ids=self._gone(known, sections),
            complete=self.complete,
            problems=(
                *self._problems(wanted, sections, known),
                *(p for pid in sorted(wanted & done.keys()) for p in done[pid]),
            ),
            terms=self.terms,
        )

    def scope(self, teacher_id: str, known: set[str]) -> tuple[set[str], set[str]]:
        """The section ids and people ids of that slice, without building it."""
        sections = self._sections(teacher_id, known)
        return {s.id for s in sections} | known, self._people(teacher_id, known, sections)

    def _people(
        self, teacher_id: str, known: set[str], sections: tuple[CleverSection, ...]
    ) -> set[str]:
        return members(teacher_id, sections)

    def _sections(self, teacher_id: str, known: set[str]) -> tuple[CleverSection, ...]:
        raise NotImplementedError

    def _gone(self, known: set[str], sections: tuple[CleverSection, ...]) -> frozenset[str]:
        raise NotImplementedError

    def _problems(
        self, wanted: set[str], sections: tuple[CleverSection, ...], known: set[str]
    ) -> tuple[Problem, ...]:
        raise NotImplementedError


def members(teacher_id: str, sections: Iterable[CleverSection]) -> set[str]:
    """The teacher and everyone these sections list."""
    wanted = {teacher_id}
    for section in sections:
        wanted.update(section.all_teacher_ids)
        wanted.update(section.student_ids)
    return wanted


def teaching(sections: Iterable[tuple[int, CleverSection]]) -> dict[str, list[int]]:
    """Teacher id -> the places of the sections listing them."""
    taught: dict[str, list[int]] = {}
    for place, section in sections:
        for teacher_id in dict.fromkeys(section.all_teacher_ids):
            taught.setdefault(teacher_id, []).append(place)
    return taught
