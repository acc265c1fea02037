"""Teacher slices of a pulled district, read a batch of teachers at a time."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from application.ports import DistrictPart, PulledDistrict
from application.teacher_slices import PlacedProblems, TeacherSlices, teaching
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot
from domain.term import Term


class DistrictSlicer(TeacherSlices):
    """A TeacherSlicer for one batch of teachers: their part of the district is read once; a
    stored class Clever no longer lists a teacher on is read when a slice first names it. So
    the batch, not the district, is what is held."""

    def __init__(self, district: PulledDistrict, teacher_ids: Collection[str]) -> None:
        self.district = district
        self.terms = district.terms
        self.complete = district.complete
        self.placed: dict[int, CleverSection] = {}
        self.by_id: dict[str, list[int]] = {}
        self.taught: dict[str, list[int]] = {}
        self.people: dict[str, CleverPerson] = {}
        self.problems = PlacedProblems()
        self.unreadable: set[str] = set()
        self.looked_up: set[str] = set()
        self._add(district.part(teacher_ids, ()))

    def rostered(self) -> frozenset[str] | None:
        return None  # a full pull lists every class of the teacher Clever still has

    def carried(self, people: set[str]) -> set[str]:
        return people & self.people.keys()

    def reached(self) -> frozenset[str] | None:
        return None  # a full pull may archive any class of the teacher Clever no longer has

    def _sections(self, teacher_id: str, known: set[str]) -> tuple[CleverSection, ...]:
        missing = known - self.looked_up - self.by_id.keys()
        if missing:
            self._add(self.district.part((), missing))
            self.looked_up |= missing
        chosen = set(self.taught.get(teacher_id, ()))
        for section_id in known:
            chosen.update(self.by_id.get(section_id, ()))
        return tuple(self.placed[place] for place in sorted(chosen))

    def _gone(self, known: set[str], sections: tuple[CleverSection, ...]) -> frozenset[str]:
        if not self.complete:
            return frozenset()
        return frozenset(known - self.by_id.keys() - self.unreadable)

    def _problems(
        self, wanted: set[str], sections: tuple[CleverSection, ...], known: set[str]
    ) -> tuple[Problem, ...]:
        return self.problems.of(wanted | {s.id for s in sections})

    def _add(self, part: DistrictPart) -> None:
        fresh = [(place, s) for place, s in part.sections if place not in self.placed]
        for place, section in fresh:
            self.placed[place] = section
            self.by_id.setdefault(section.id, []).append(place)
        for teacher_id, places in teaching(fresh).items():
            self.taught.setdefault(teacher_id, []).extend(places)
        self.people.update(part.people)
        self.problems.add(part.problems)
        self.unreadable.update(p.clever_id for _, p in part.problems if p.record_type == "section")


class WholeDistrict:
    """A PulledDistrict over a snapshot held in memory (a small district, a test's)."""

    def __init__(self, snapshot: RosterSnapshot) -> None:
        self.snapshot = snapshot
        self.by_id: dict[str, list[int]] = {}
        for place, section in enumerate(snapshot.sections):
            self.by_id.setdefault(section.id, []).append(place)
        self.taught = teaching(enumerate(snapshot.sections))
        self.problems = PlacedProblems(enumerate(snapshot.problems))

    @property
    def complete(self) -> bool:
        return self.snapshot.complete

    @property
    def terms(self) -> Mapping[str, Term]:
        return self.snapshot.terms

    def part(self, teacher_ids: Collection[str], section_ids: Collection[str]) -> DistrictPart:
        chosen = {p for t in teacher_ids for p in self.taught.get(t, ())}
        chosen.update(p for sid in section_ids for p in self.by_id.get(sid, ()))
        sections = tuple((p, self.snapshot.sections[p]) for p in sorted(chosen))
        ids = {*teacher_ids, *section_ids, *(s.id for _, s in sections)}
        for _, section in sections:
            ids.update(section.all_teacher_ids, section.student_ids)
        people = self.snapshot.people
        places = sorted({p for clever_id in ids for p in self.problems.by_id.get(clever_id, ())})
        return DistrictPart(
            sections,
            {pid: people[pid] for pid in ids if pid in people},
            tuple((p, self.problems.by_place[p]) for p in places),
        )

    def close(self) -> None:
        pass
