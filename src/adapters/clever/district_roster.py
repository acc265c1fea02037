"""A whole district in three paged lists: requests grow with pages, not teachers x sections.
Each page's records go to a SpilledDistrict as they come, so the pull holds a page at a time."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from typing import Generic

from adapters.clever.api import DataApi
from adapters.clever.district_spill import SpilledDistrict
from adapters.clever.fields import Fields, Malformed
from adapters.clever.listing import Parser, T, unwrap
from adapters.clever.records import person_from, section_from
from adapters.clever.terms import read_terms
from domain.problems import Problem

log = logging.getLogger(__name__)

RECORDS_A_WRITE = 2_000


def pull_district_roster(api: DataApi, token: str, district_id: str) -> SpilledDistrict:
    """Every section, teacher and student. The first record of an id in a listing is kept; a
    repeated or malformed one is a problem; a person both lists name keeps their teacher
    record. Raises CleverError, keeping nothing, when a page cannot be read."""
    spill = SpilledDistrict()
    try:
        terms = read_terms(api, token)
        spill.terms = terms.records
        spill.add_problems(enumerate(terms.problems))
        place = len(terms.problems)
        sections = Pulled(
            spill, "section", partial(section_from, district_id=district_id), spill.add_sections
        )
        place = sections.read(api.items("/sections", token), place)
        for role in ("teacher", "student"):
            parse = partial(person_from, district_id=district_id, listed_as=role)
            people = Pulled(spill, role, parse, partial(spill.add_people, role))
            place = people.read(api.items("/users", token, {"role": role}), place)
        spill.done()
    except BaseException:
        spill.close()
        raise
    log.info("Clever district roster: %d items pulled", place)
    return spill


class Pulled(Generic[T]):
    """One listing, parsed item by item and written a few thousand records at a time."""

    def __init__(
        self,
        spill: SpilledDistrict,
        record_type: str,
        parse: Parser[T],
        write: Callable[[list[tuple[int, T]]], list[int]],
    ) -> None:
        """``write`` keeps records and answers the places of those whose id it had."""
        self.spill = spill
        self.record_type = record_type
        self.parse = parse
        self.write = write
        self.records: list[tuple[int, T]] = []
        self.problems: list[tuple[int, Problem]] = []

    def read(self, items: Iterable[object], place: int) -> int:
        """Every item, numbered from ``place``; the place after the last one."""
        for item in items:
            self._add(place, item)
            place += 1
            if len(self.records) >= RECORDS_A_WRITE:
                self._write()
        self._write()
        return place

    def _add(self, place: int, item: object) -> None:
        data, clever_id = unwrap(item)
        if data is None:
            self._problem(place, clever_id, "data", "list item is not a record")
            return
        try:
            record = self.parse(Fields(data))
        except Malformed as exc:
            self._problem(place, clever_id, exc.field, exc.message)
            return
        if record is not None:
            self.records.append((place, record))

    def _problem(self, place: int, clever_id: str, field: str, message: str) -> None:
        self.problems.append((place, Problem(self.record_type, clever_id, field, message)))

    def _write(self) -> None:
        records, self.records = self.records, []
        ids = dict(records)
        for place in self.write(records):
            self._problem(place, ids[place].id, "id", "listed more than once")
        self.spill.add_problems(sorted(self.problems, key=lambda placed: placed[0]))
        self.problems = []
