"""One teacher's sections, their teachers and students, read with a district-app token."""

from __future__ import annotations

import logging
from collections.abc import Collection
from functools import partial

from adapters.clever.api import DataApi, segment
from adapters.clever.listing import Collected, collect
from adapters.clever.people_plan import members, my_students_pays, next_listing
from adapters.clever.record_lookup import add_sections
from adapters.clever.records import person_from, section_from
from adapters.clever.terms import read_terms
from application.errors import CleverNotFound
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot

log = logging.getLogger(__name__)


def read_teacher_roster(
    api: DataApi, token: str, district_id: str, teacher_id: str, known: Collection[str]
) -> RosterSnapshot:
    """Any failed request raises, so a partial roster never reaches reconciliation."""
    teacher = segment(teacher_id)
    parse_section = partial(section_from, district_id=district_id)
    sections = collect(api.items(f"/users/{teacher}/sections", token), "section", parse_section)
    own = list(sections.records.values())
    unlisted = set(known) - sections.records.keys() - sections.unreadable
    gone = add_sections(api, token, district_id, unlisted, sections)
    people = _people(api, token, district_id, teacher, own, list(sections.records.values()))
    terms = read_terms(api, token)
    log.info(
        "Clever teacher roster: %d sections (%d no longer listing the teacher), %d gone, %d people",
        len(sections.records),
        len(sections.records) - len(own),
        len(gone),
        len(people.records),
    )
    return RosterSnapshot(
        sections=tuple(sorted(sections.records.values(), key=lambda s: s.id)),
        people=people.records,
        gone_section_ids=frozenset(gone),
        complete=True,
        problems=tuple(dict.fromkeys([*terms.problems, *sections.problems, *people.problems])),
        terms=terms.records,
    )


def _people(
    api: DataApi,
    token: str,
    district_id: str,
    teacher: str,
    own: list[CleverSection],
    sections: list[CleverSection],
) -> Collected[CleverPerson]:
    wanted = set().union(*(members(s) for s in sections))
    found: Collected[CleverPerson] = Collected()

    def take(path: str, record_type: str, params: dict[str, str] | None = None) -> None:
        role = record_type if record_type != "user" else None
        parse = partial(person_from, district_id=district_id, listed_as=role)
        listing = collect(api.items(path, token, params), record_type, parse)
        for person_id, person in listing.records.items():
            found.records.setdefault(person_id, person)
        found.problems.extend(listing.problems)
        found.unreadable |= listing.unreadable

    if my_students_pays(own, sections, wanted):
        try:
            take(f"/users/{teacher}/mystudents", "student")
        except CleverNotFound:
            log.info("Clever has no mystudents list for this teacher; listing sections instead")
    listed: set[str] = set()
    while pick := next_listing(sections, wanted - found.records.keys() - found.unreadable, listed):
        section, role = pick
        listed.add(section.id)
        params = {"role": role} if role else None
        take(f"/sections/{segment(section.id)}/users", role or "user", params)
    found.records = {pid: p for pid, p in found.records.items() if pid in wanted}
    return found
