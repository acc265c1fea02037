"""The nightly run of one district reads that district's classes, not every district's: its
cost must not grow with the number of districts a deployment serves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, insert, text

from adapters.sqlalchemy.rosters import RosterChangeFlag, SqlAlchemyRosterRepository
from adapters.sqlalchemy.tables import class_teachers, classes
from domain.rollover import TermRules
from domain.term import Term

OTHER_DISTRICTS, CLASSES_EACH = 200, 30


def _district(n: int) -> str:
    return f"d{n:023d}"


def _term(n: int) -> str:
    return f"t{n:023d}"


def test_a_districts_termed_classes_are_found_without_reading_the_others(
    postgres_engine: Engine,
) -> None:
    rows = [
        {
            "section_id": f"s{n:05d}{k:018d}",
            "district_id": _district(n),
            "clever_name": f"Class {k}",
            "term_id": _term(n),
        }
        for n in range(OTHER_DISTRICTS + 1)
        for k in range(CLASSES_EACH)
    ]
    with postgres_engine.begin() as conn:
        conn.execute(insert(classes), rows)
        conn.execute(
            insert(class_teachers),
            [
                {"section_id": r["section_id"], "teacher_id": f"x{r['section_id'][1:]}"}
                for r in rows
            ],
        )
        conn.execute(text("ANALYZE classes"))
        conn.execute(text("ANALYZE class_teachers"))

    with postgres_engine.connect() as conn:
        # Clever renamed district 7's term: every class of that district is due.
        renamed = {_term(7): Term(_term(7), "2026-27")}
        found = SqlAlchemyRosterRepository(conn, RosterChangeFlag()).term_candidates(
            _district(7), TermRules(date(2026, 9, 1), 14, renamed)
        )
        scans = conn.execute(
            text("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'classes'")
        ).scalar_one()

    assert len(found) == CLASSES_EACH
    assert {klass.district_id for klass, _ in found} == {_district(7)}
    assert all(len(teachers) == 1 for _, teachers in found)
    assert scans == 0
