"""A whole district in three paged lists: requests grow with pages, not teachers x sections."""

from __future__ import annotations

import logging
from functools import partial

from adapters.clever.api import DataApi
from adapters.clever.listing import collect
from adapters.clever.records import person_from, section_from
from adapters.clever.terms import read_terms
from domain.snapshot import CleverPerson, RosterSnapshot

log = logging.getLogger(__name__)


def read_district_roster(api: DataApi, token: str, district_id: str) -> RosterSnapshot:
    sections = collect(
        api.items("/sections", token), "section", partial(section_from, district_id=district_id)
    )
    terms = read_terms(api, token)
    people: dict[str, CleverPerson] = {}
    problems = [*terms.problems, *sections.problems]
    for role in ("teacher", "student"):
        parse = partial(person_from, district_id=district_id, listed_as=role)
        listing = collect(api.items("/users", token, {"role": role}), role, parse)
        for person_id, person in listing.records.items():
            people.setdefault(person_id, person)
        problems.extend(listing.problems)
    log.info(
        "Clever district roster: %d sections, %d people, %d problems",
        len(sections.records),
        len(people),
        len(problems),
    )
    return RosterSnapshot(
        sections=tuple(sections.records.values()),
        people=people,
        gone_section_ids=frozenset(),
        # An unreadable section is a problem; the district job never treats it as gone.
        complete=True,
        problems=tuple(dict.fromkeys(problems)),
        terms=terms.records,
    )
