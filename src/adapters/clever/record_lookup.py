"""Sections and people by id, as Clever has them now: what an events sync re-reads."""

from __future__ import annotations

from collections.abc import Collection
from functools import partial

from adapters.clever.api import DataApi, segment
from adapters.clever.listing import Collected, collect
from adapters.clever.people_plan import members
from adapters.clever.records import person_from, section_from
from application.errors import CleverNotFound
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot

# Below this many wanted users in one section, single reads cost fewer requests than its list.
SECTION_LIST_MIN = 2


def read_sections(
    api: DataApi, token: str, district_id: str, section_ids: Collection[str]
) -> RosterSnapshot:
    found: Collected[CleverSection] = Collected()
    gone = add_sections(api, token, district_id, section_ids, found)
    return RosterSnapshot(
        sections=tuple(found.records.values()),
        gone_section_ids=frozenset(gone),
        problems=tuple(found.problems),
    )


def add_sections(
    api: DataApi,
    token: str,
    district_id: str,
    section_ids: Collection[str],
    found: Collected[CleverSection],
) -> set[str]:
    """Each section read by its id into ``found``; returns the ids Clever has no section for."""
    gone: set[str] = set()
    parse = partial(section_from, district_id=district_id)
    for section_id in sorted(set(section_ids)):
        try:
            record = api.record(f"/sections/{segment(section_id)}", token)
        except CleverNotFound:
            gone.add(section_id)
            continue
        found.add({"data": record}, "section", parse)
    return gone


def read_people(
    api: DataApi,
    token: str,
    district_id: str,
    person_ids: Collection[str],
    sections: Collection[CleverSection],
) -> RosterSnapshot:
    """A section's user list where it holds several of the wanted, single reads for the rest;
    a user Clever does not know is left out."""
    wanted = set(person_ids)
    found: Collected[CleverPerson] = Collected()
    parse = partial(person_from, district_id=district_id)
    listed: set[str] = set()
    while pick := _best_section(sections, wanted - found.records.keys() - found.unreadable, listed):
        listed.add(pick.id)
        listing = collect(api.items(f"/sections/{segment(pick.id)}/users", token), "user", parse)
        for person_id in listing.records.keys() & wanted:
            found.records.setdefault(person_id, listing.records[person_id])
        found.problems.extend(p for p in listing.problems if p.clever_id in wanted)
        found.unreadable |= listing.unreadable & wanted
    for person_id in sorted(wanted - found.records.keys() - found.unreadable):
        try:
            record = api.record(f"/users/{segment(person_id)}", token)
        except CleverNotFound:
            continue
        found.add({"data": record}, "user", parse)
    return RosterSnapshot(
        people={pid: p for pid, p in found.records.items() if pid in wanted},
        problems=tuple(dict.fromkeys(found.problems)),
    )


def _best_section(
    sections: Collection[CleverSection], missing: set[str], listed: set[str]
) -> CleverSection | None:
    """The unlisted section holding the most missing users, if it holds enough to list."""
    candidates = [s for s in sections if s.id not in listed]
    best = max(candidates, key=lambda s: len(members(s) & missing), default=None)
    if best is None or len(members(best) & missing) < SECTION_LIST_MIN:
        return None
    return best
