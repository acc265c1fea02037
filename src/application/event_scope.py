"""How far a district's events reach: the sections and people they change, as Clever has them
now, and every teacher of those classes. Sized by the changes, never by the district."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

from application.clever_events import DistrictChanges
from application.ports import CleverEvents, UnitOfWork, UnitOfWorkFactory
from domain.problems import Problem
from domain.roster import RosterState
from domain.snapshot import CleverPerson, CleverSection
from domain.term import Term


@dataclass(frozen=True, slots=True)
class EventScope:
    """``person_sections``: each changed person -> the stored classes they teach or attend."""

    sections: Mapping[str, CleverSection] = field(default_factory=dict)
    gone_section_ids: frozenset[str] = frozenset()
    people: Mapping[str, CleverPerson] = field(default_factory=dict)
    person_sections: Mapping[str, frozenset[str]] = field(default_factory=dict)
    teacher_ids: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()
    terms: Mapping[str, Term] = field(default_factory=dict)


class EventScopeReader:
    def __init__(self, uow: UnitOfWorkFactory, events: CleverEvents) -> None:
        self.uow = uow
        self.events = events

    def read(self, district_id: str, changes: DistrictChanges) -> EventScope:
        """Raises CleverError when a record the events point at cannot be read. One unit of
        work reads what is stored unless a section must first be read again from Clever."""
        changed = set(changes.people) | changes.deleted_person_ids
        sections = dict(changes.sections)
        gone = set(changes.deleted_section_ids)
        problems = list(changes.problems)
        with self.uow() as uow:
            person_sections = _stored_sections_of(uow, changed)
            # A deleted person leaves every section, whether or not Clever sent the section too.
            left = {
                sid for pid in changes.deleted_person_ids for sid in person_sections.get(pid, ())
            }
            reread = left - sections.keys() - gone
            if not reread:
                sections = _without_deleted(sections, changes)
                state, missing = _stored(uow, sections, gone, person_sections, changes.people)
        if reread:
            now = self.events.current_sections(district_id, reread)
            sections.update((s.id, s) for s in now.sections)
            gone |= now.gone_section_ids
            problems.extend(now.problems)
            sections = _without_deleted(sections, changes)
            with self.uow() as uow:
                state, missing = _stored(uow, sections, gone, person_sections, changes.people)
        people = dict(changes.people)
        if missing:
            fetched = self.events.current_people(district_id, missing, list(sections.values()))
            people.update(fetched.people)
            problems.extend(fetched.problems)
        touched = _touched(sections, person_sections) | gone
        teachers = {t for s in sections.values() for t in s.all_teacher_ids}
        teachers.update(t for sid in touched for t in state.teachers_of.get(sid, ()))
        teachers.update(p.id for p in changes.people.values() if p.role == "teacher")
        return EventScope(
            sections=sections,
            gone_section_ids=frozenset(gone - sections.keys()),
            people=people,
            person_sections=person_sections,
            teacher_ids=frozenset(teachers),
            problems=tuple(dict.fromkeys(problems)),
            terms=changes.terms,
        )


def _stored_sections_of(uow: UnitOfWork, person_ids: Collection[str]) -> dict[str, frozenset[str]]:
    if not person_ids:
        return {}
    found = uow.rosters.sections_of_people(person_ids)
    return {pid: frozenset(sids) for pid, sids in found.items() if sids}


def _without_deleted(
    sections: Mapping[str, CleverSection], changes: DistrictChanges
) -> dict[str, CleverSection]:
    return {sid: _without(s, changes.deleted_person_ids) for sid, s in sorted(sections.items())}


def _touched(
    sections: Mapping[str, CleverSection], person_sections: Mapping[str, frozenset[str]]
) -> set[str]:
    return set(sections) | {sid for sids in person_sections.values() for sid in sids}


def _stored(
    uow: UnitOfWork,
    sections: Mapping[str, CleverSection],
    gone: set[str],
    person_sections: Mapping[str, frozenset[str]],
    changed: Mapping[str, CleverPerson],
) -> tuple[RosterState, set[str]]:
    """The stored classes the events touch (rosters only of the sections Clever sent: the
    others are read for their teachers), and the members Clever must be asked about."""
    touched = _touched(sections, person_sections) | gone
    # The scope needs no teacher's decisions: the batches that sync these classes read them.
    state = uow.rosters.load_state(touched, (), (), sections.keys(), records=False, decisions=False)
    # A student with an enrollment in the class is stored: only the others are looked up.
    seated = _seated(state, sections.values())
    stored = seated | uow.rosters.stored_people(_members(sections.values()) - seated)
    return state, _unknown_or_stale(uow, state, stored, sections.values(), changed)


def _unknown_or_stale(
    uow: UnitOfWork,
    state: RosterState,
    stored: set[str],
    sections: Iterable[CleverSection],
    changed: Mapping[str, CleverPerson],
) -> set[str]:
    """Members never stored, and stored students joining a class while in none: their
    stored record may predate changes made while no class of ours listed them."""
    missing: set[str] = set()
    joining: set[str] = set()
    for section in sections:
        seats = state.enrollments.get(section.id, {})
        for person_id in (*section.all_teacher_ids, *section.student_ids):
            if person_id in changed:
                continue
            if person_id not in stored:
                missing.add(person_id)
            elif person_id in section.student_ids:
                seat = seats.get(person_id)
                if seat is None or not seat.active:
                    joining.add(person_id)
    if joining:
        seated = uow.rosters.sections_of_people(joining)
        missing.update(pid for pid in joining if not seated.get(pid))
    return missing


def _members(sections: Iterable[CleverSection]) -> set[str]:
    return {pid for s in sections for pid in (*s.all_teacher_ids, *s.student_ids)}


def _seated(state: RosterState, sections: Iterable[CleverSection]) -> set[str]:
    """Listed students the stored class has an enrollment of (active or not)."""
    seated: set[str] = set()
    for section in sections:
        enrolled = state.enrollments.get(section.id, {})
        seated.update(pid for pid in section.student_ids if pid in enrolled)
    return seated


def _without(section: CleverSection, person_ids: Collection[str]) -> CleverSection:
    if not person_ids or not (_members([section]) & set(person_ids)):
        return section
    return replace(
        section,
        teacher_id=None if section.teacher_id in person_ids else section.teacher_id,
        teacher_ids=tuple(t for t in section.teacher_ids if t not in person_ids),
        student_ids=tuple(s for s in section.student_ids if s not in person_ids),
    )
