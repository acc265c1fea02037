"""A Clever directory held in memory: sections and people that tests change between syncs."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from application.district_slice import WholeDistrict
from application.errors import CleverUnavailable
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection, ListedStudents, RosterSnapshot
from domain.term import Term


@dataclass
class FakeCleverDirectory:
    sections: dict[str, CleverSection] = field(default_factory=dict)
    people: dict[str, CleverPerson] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)
    failing: bool = False
    cut_short: bool = False
    requests: int = 0

    def add_person(self, person: CleverPerson) -> None:
        self.people[person.id] = person

    def add_section(self, section: CleverSection) -> None:
        self.sections[section.id] = section

    def find_person(self, clever_id: str) -> CleverPerson | None:
        self._request()
        return self.people.get(clever_id)

    def teacher_roster(
        self, district_id: str, teacher_id: str, known_section_ids: Collection[str]
    ) -> RosterSnapshot:
        self._request()
        mine = [
            s
            for s in self.sections.values()
            if s.district_id == district_id
            and (teacher_id in s.all_teacher_ids or s.id in known_section_ids)
        ]
        gone = frozenset(sid for sid in known_section_ids if sid not in self.sections)
        return self._snapshot(mine, gone)

    def pull_district(self, district_id: str) -> WholeDistrict:
        self._request()
        sections = [s for s in self.sections.values() if s.district_id == district_id]
        return WholeDistrict(self._snapshot(sections, frozenset()))

    def school_district(self, school_id: str) -> str | None:
        self._request()
        return next(
            (s.district_id for s in self.sections.values() if s.school_id == school_id), None
        )

    def connected_district_ids(self) -> list[str]:
        return sorted({s.district_id for s in self.sections.values()})

    def students_listed_now(self, district_id: str, section_id: str) -> ListedStudents | None:
        self._request()
        section = self.sections.get(section_id)
        if section is None or section.district_id != district_id:
            return None
        listed = [self.people[sid] for sid in section.student_ids if sid in self.people]
        return ListedStudents({p.id: p for p in listed if p.role == "student"})

    def has_person_now(self, district_id: str, person_id: str) -> bool:
        self._request()
        person = self.people.get(person_id)
        return person is not None and person.district_id == district_id

    def _snapshot(self, sections: list[CleverSection], gone: frozenset[str]) -> RosterSnapshot:
        wanted: set[str] = set()
        for section in sections:
            wanted.update(section.all_teacher_ids, section.student_ids)
        people = {pid: self.people[pid] for pid in sorted(wanted) if pid in self.people}
        if self.cut_short:
            return RosterSnapshot(
                tuple(sections[: len(sections) // 2]), people, frozenset(), False, (), self.terms
            )
        return RosterSnapshot(
            tuple(sorted(sections, key=lambda s: s.id)),
            people,
            gone,
            True,
            tuple(self.problems),
            dict(self.terms),
        )

    def _request(self) -> None:
        self.requests += 1
        if self.failing:
            raise CleverUnavailable("Clever answered 503")
