"""With teachers' decisions in place, the events sync ends where a full resync would: the same
rosters and decisions, and the full resync finds nothing left to write."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.decisions import ExceptionKind, ModeDecision, StudentException, SyncMode
from domain.sync_run import SyncStatus
from tests.events.conftest import MakeWorld
from tests.events.scripted import owned_sections
from tests.events.world import class_in, student_ids_in

LANDED = {SyncStatus.SUCCEEDED, SyncStatus.PARTIAL}


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_events_and_a_full_resync_agree_with_decisions_in_place(
    make_world: MakeWorld, request: pytest.FixtureRequest, database: str
) -> None:
    url = request.getfixturevalue("postgres_url") if database == "postgres" else None
    world = make_world(url)
    owner = world.rostering[0]
    paused, add_only, excepted = owned_sections(world, owner)[:3]
    kept_out, kept_in = excepted["students"][:2]
    at = datetime.fromisoformat(world.sandbox.now_iso())
    with world.services.uow() as uow:
        rosters = uow.rosters
        rosters.save_sync_mode(paused["id"], ModeDecision(paused["id"], SyncMode.PAUSED, owner, at))
        rosters.save_sync_mode(
            add_only["id"], ModeDecision(add_only["id"], SyncMode.ADD_ONLY, owner, at)
        )
        rosters.save_exception(
            StudentException(excepted["id"], kept_out, ExceptionKind.KEEP_OUT, owner, at)
        )
        rosters.set_enrolled(excepted["id"], kept_out, False, at)
        rosters.save_exception(
            StudentException(
                excepted["id"], kept_in, ExceptionKind.KEEP_IN, owner, at, date(2099, 1, 1)
            )
        )
        uow.commit()
    before = world.rosters()

    world.sandbox.rename_section(paused["id"], "Renamed while paused")
    world.sandbox.drop(paused["id"], paused["students"][0])
    world.sandbox.drop(add_only["id"], add_only["students"][0])
    world.sandbox.drop(excepted["id"], kept_in)
    newcomer = world.sandbox.add_student(school_id=add_only["school"], first="Newcomer")
    world.sandbox.enroll(add_only["id"], newcomer)

    applied = world.sync()
    assert {run.status for run in applied.runs} <= LANDED, [r.message for r in applied.runs]
    by_events = world.rosters()

    assert class_in(by_events, paused["id"])["name"] == class_in(before, paused["id"])["name"]
    assert student_ids_in(by_events, paused["id"]) == student_ids_in(before, paused["id"])
    assert student_ids_in(by_events, add_only["id"]) == {
        *student_ids_in(before, add_only["id"]),
        newcomer,
    }
    assert kept_in in student_ids_in(by_events, excepted["id"])
    assert kept_out not in student_ids_in(by_events, excepted["id"])
    assert class_in(by_events, paused["id"])["sync_mode"] == "PAUSED"
    assert len(class_in(by_events, excepted["id"])["exceptions"]) == 2

    version = world.roster_version()
    full = world.full_resync()

    assert {run.status for run in full.runs} <= LANDED
    written = [
        {k: v for k, v in run.counts.as_dict().items() if v and k != "changes_skipped_by_decisions"}
        for run in full.runs
    ]
    assert [w for w in written if w] == []
    assert sum(run.counts.changes_skipped_by_decisions for run in full.runs) >= 4
    assert world.rosters() == by_events
    assert world.roster_version() == version, "the full resync still had roster rows to write"
