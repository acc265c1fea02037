"""The whole rollover through the daily job, on SQLite and Postgres, against the sandbox's
scripted new school year: Clever sends terms.updated, sections.deleted and sections.created in
bulk; no run is held, last year's classes are archived as "term ended", next year's are live
with their students, a student's first login lands in next year's class, and the weekly full
reconcile agrees."""

from __future__ import annotations

import pytest

from application.accounts import LoginResult
from application.ports import CleverLogin
from domain.sync_run import SyncStatus, SyncTrigger
from tests.events.conftest import MakeWorld
from tests.events.world import EventsWorld


def _live_classes(world: EventsWorld) -> dict[str, set[str]]:
    return {
        teacher_id: {c["clever_section_id"] for c in view["classes"] if not c["archived"]}
        for teacher_id, view in world.rosters().items()
    }


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_new_school_year_through_the_daily_job(
    make_world: MakeWorld, request: pytest.FixtureRequest, backend: str
) -> None:
    url = request.getfixturevalue("postgres_url") if backend == "postgres" else None
    world = make_world(url)
    sandbox = world.sandbox
    last_year = _live_classes(world)
    old_ids = set().union(*last_year.values())

    scripted = sandbox.new_school_year()
    result = world.sync()

    assert {run.trigger for run in result.runs} == {SyncTrigger.EVENTS}
    assert {run.status for run in result.runs} == {SyncStatus.SUCCEEDED}
    assert sum(run.counts.classes_archived_term_ended for run in result.runs) == len(old_ids)
    assert all("archived (term ended)" in (run.message or "") for run in result.runs)
    next_year = {
        teacher_id: {s["id"] for s in sandbox.sections() if teacher_id in s["teachers"]}
        for teacher_id in world.rostering
    }
    assert _live_classes(world) == next_year
    new_term = next(t for t in sandbox.terms() if t["id"] in scripted["terms_created"])
    rosters = world.rosters()
    for teacher_id, view in rosters.items():
        for klass in view["classes"]:
            section_id = klass["clever_section_id"]
            if section_id in old_ids:
                assert klass["archived"]
                assert klass["term"]["start_date"] < new_term["start_date"][:10]
            else:
                section = next(s for s in sandbox.sections() if s["id"] == section_id)
                assert {s["clever_id"] for s in klass["students"]} == set(section["students"])
                assert klass["term"]["start_date"] == new_term["start_date"][:10]
        assert {c["clever_section_id"] for c in view["classes"]} >= last_year[teacher_id]

    section = next(s for s in sandbox.sections() if s["id"] in next_year[world.rostering[0]])
    student_id = section["students"][0]
    login = world.services.sso_login(
        CleverLogin(student_id, world.district_id, "student", "A Student")
    )
    assert isinstance(login, LoginResult)
    theirs = world.services.reader.classes_for_students([student_id])[student_id]
    assert {c.id for c in theirs} <= set().union(*next_year.values())
    assert section["id"] in {c.id for c in theirs}

    world.full_resync()
    assert world.rosters() == rosters
