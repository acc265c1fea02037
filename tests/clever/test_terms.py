"""Clever's terms come with every roster read: dates as Clever writes them, bad ones a problem."""

from __future__ import annotations

from datetime import date

import httpx
import respx

from adapters.clever import HttpxCleverDirectory
from domain.term import Term
from tests.clever.districts import whole_district
from tests.clever.payloads import DISTRICT, SectionFactory, listing


def test_terms_are_read_with_the_district_and_bad_dates_are_problems(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    terms = [
        {
            "id": "t-year",
            "district": DISTRICT,
            "name": "2026-2027 School Year",
            "start_date": "2026-08-17T00:00:00.000Z",
            "end_date": "2027-06-11T00:00:00.000Z",
        },
        {
            "id": "t-plain",
            "district": DISTRICT,
            "name": "Summer",
            "start_date": "2027-06-20",
            "end_date": "",
        },
        {
            "id": "t-bad",
            "district": DISTRICT,
            "name": "Bad",
            "start_date": "June",
            "end_date": "2027-06-11",
        },
        {
            "id": "t-backwards",
            "district": DISTRICT,
            "name": "Backwards",
            "start_date": "2027-06-11",
            "end_date": "2026-08-17",
        },
    ]
    clever.routes["terms"].mock(return_value=httpx.Response(200, json=listing(terms, "terms")))
    section = SectionFactory(term_id="t-year")
    clever.get("/v3.1/sections").mock(
        return_value=httpx.Response(200, json=listing([section], "sections"))
    )
    clever.get("/v3.1/users").mock(return_value=httpx.Response(200, json=listing([], "users")))

    snapshot = whole_district(directory, DISTRICT)

    assert snapshot.sections[0].term_id == "t-year"
    assert snapshot.terms == {
        "t-year": Term("t-year", "2026-2027 School Year", date(2026, 8, 17), date(2027, 6, 11)),
        "t-plain": Term("t-plain", "Summer", date(2027, 6, 20), None),
    }
    problems = {(p.record_type, p.clever_id, p.field) for p in snapshot.problems}
    assert problems == {("term", "t-bad", "start_date"), ("term", "t-backwards", "end_date")}
