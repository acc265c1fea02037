"""The events sync asks storage only for the classes the term rules may touch today, so a
night with nothing to do does not read every class of the district. Whatever storage
narrows to, the classes due under the rules are exactly those of reading them all."""

from __future__ import annotations

from datetime import date

import pytest

from domain.rollover import TermRules
from domain.roster import Class
from domain.term import Term
from tests.factories import DISTRICT
from tests.persistence.backends import Backend

TODAY = date(2026, 7, 1)
SPRING = Term("spring", "Spring 2026", date(2026, 1, 5), date(2026, 6, 5))  # over on 20 June
SUMMER = Term("summer", "Summer 2026", date(2026, 6, 8), date(2026, 6, 25))  # over on 10 July
YEAR = Term("year", "2026-27", date(2026, 8, 17), date(2027, 6, 4))


def _classes() -> list[Class]:
    def klass(n: int, term: Term | None, **fields: object) -> Class:
        return Class(f"c{n}", DISTRICT, "sch1", f"Class {n}", term=term, **fields)  # type: ignore[arg-type]

    return [
        klass(1, SPRING),  # over: due
        klass(2, SPRING, kept_after_term=True),  # kept by its teacher: never due
        klass(3, SPRING, archived=True),  # archived already: not live
        klass(4, SUMMER),  # ended, not yet over
        klass(5, YEAR),  # running
        klass(6, None),  # no term
        klass(7, Term("undated", "Electives")),  # a term without dates never ends
        Class("other", "another-district", "sch9", "Elsewhere", term=SPRING),
    ]


RULES = [
    pytest.param(TermRules(TODAY, 14), id="no term changed"),
    pytest.param(TermRules(TODAY, 14, {YEAR.id: YEAR, SUMMER.id: SUMMER}), id="terms as stored"),
    pytest.param(
        TermRules(TODAY, 14, {YEAR.id: Term("year", "2026-2027", YEAR.start_date, YEAR.end_date)}),
        id="a term renamed",
    ),
    pytest.param(
        TermRules(TODAY, 14, {SUMMER.id: Term("summer", SUMMER.name, SUMMER.start_date, None)}),
        id="an end date removed",
    ),
    pytest.param(TermRules(TODAY, 0), id="archived the day after the term"),
    pytest.param(TermRules(date(2027, 7, 1), 14), id="a year later"),
]


@pytest.mark.parametrize("rules", RULES)
def test_the_classes_due_are_those_of_reading_every_class(
    backend: Backend, rules: TermRules
) -> None:
    stored = _classes()
    with backend.uow() as uow:
        for klass in stored:
            uow.rosters.save_class(klass)
        uow.commit()

    with backend.uow() as uow:
        candidates = uow.rosters.term_candidates(DISTRICT, rules)

    due = {
        k.section_id
        for k in stored
        if k.district_id == DISTRICT and not k.archived and rules.due(k)
    }
    assert {k.section_id for k, _ in candidates if rules.due(k)} == due


def test_a_night_with_nothing_due_reads_no_class(backend: Backend) -> None:
    with backend.uow() as uow:
        for klass in _classes():
            if klass.section_id != "c1":
                uow.rosters.save_class(klass)
        uow.commit()

    with backend.uow() as uow:
        assert uow.rosters.term_candidates(DISTRICT, TermRules(TODAY, 14)) == []
