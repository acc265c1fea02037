"""A teacher reads each class's term and why it was archived, keeps a class after its term,
and sees a finished term's archive in the sync history instead of a hold."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.term import Term
from tests.graphql.world import GraphWorld, data

LAST_YEAR = Term("term-2025", "2025-2026 School Year", date(2025, 8, 18), date(2026, 6, 5))
NEXT_YEAR = Term("term-2026", "2026-2027 School Year", date(2026, 8, 17), date(2027, 6, 11))

CLASSES = """{ viewer {
  classes(includeArchived: true) {
    id name archived archivedReason keptAfterTerm term { name startDate endDate } }
  syncRuns(first: 1) { status message classesArchived classesArchivedTermEnded classesCreated }
} }"""
KEEP = """mutation($id: ID!, $keep: Boolean!) {
  keepClassAfterTerm(classId: $id, keep: $keep) { id archived archivedReason keptAfterTerm } }"""


def test_a_rollover_shows_terms_archive_reasons_and_no_hold(world: GraphWorld) -> None:
    world.grant_district()
    world.clever.terms = {LAST_YEAR.id: LAST_YEAR, NEXT_YEAR.id: NEXT_YEAR}
    teacher = world.teacher()
    kids = world.students(3)
    old = [world.section([teacher], kids, name=f"Old {n}", term_id=LAST_YEAR.id) for n in range(3)]
    no_term = world.section([teacher], kids, name="Club")
    account = world.account(teacher)
    world.clock.current = datetime(2026, 3, 1, tzinfo=UTC)
    world.sync(teacher)

    world.clock.current = datetime(2026, 8, 17, tzinfo=UTC)
    for section in old:
        del world.clever.sections[section.id]
    new = world.section([teacher], kids, name="New", term_id=NEXT_YEAR.id)
    world.sync(teacher)
    client = world.signed_in(account)
    viewer = data(client, CLASSES)["viewer"]

    (run,) = viewer["syncRuns"]
    assert run == {
        "status": "SUCCEEDED",
        "message": "3 classes of 2025\u201326 archived (term ended)",
        "classesArchived": 3,
        "classesArchivedTermEnded": 3,
        "classesCreated": 1,
    }
    classes = {c["id"]: c for c in viewer["classes"]}
    assert classes[new.id]["term"] == {
        "name": "2026-2027 School Year",
        "startDate": "2026-08-17",
        "endDate": "2027-06-11",
    }
    assert classes[new.id]["archivedReason"] is None
    assert classes[no_term.id]["term"] is None and not classes[no_term.id]["archived"]
    for section in old:
        assert classes[section.id]["archived"] is True
        assert classes[section.id]["archivedReason"] == "TERM_ENDED"
        assert classes[section.id]["term"]["name"] == "2025-2026 School Year"

    kept = data(client, KEEP, id=old[0].id, keep=True)["keepClassAfterTerm"]
    assert kept == {
        "id": old[0].id,
        "archived": False,
        "archivedReason": None,
        "keptAfterTerm": True,
    }
