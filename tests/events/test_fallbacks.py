"""When the district job reads events and when it pulls the whole district instead."""

from __future__ import annotations

from typing import Any

import pytest

from application.approve_held_sync import ApproveHeldSyncCommand
from application.results import SyncStarted
from application.sync_district import SyncDistrictCommand
from domain.sync_run import SyncStatus, SyncTrigger
from tests.events.conftest import MakeWorld
from tests.events.scripted import first_section, owned_sections
from tests.events.world import EventsWorld, class_in, student_ids_in

FULL = {SyncTrigger.SCHEDULED}
EVENTS = {SyncTrigger.EVENTS}


def triggers(world: EventsWorld) -> set[SyncTrigger]:
    return {run.trigger for run in world.sync().runs}


def test_the_first_district_sync_is_full_and_keeps_the_newest_event_as_cursor(
    make_world: MakeWorld,
) -> None:
    world = make_world()
    cursor = world.cursor()

    assert cursor.event_id is None  # the sandbox had no events yet
    world.sandbox.rename_section(first_section(world)["id"], "After The First Sync")
    assert triggers(world) == EVENTS
    assert world.cursor().event_id == world.sandbox.events()[-1]["id"]


def test_a_change_made_during_the_bulk_pull_is_applied_by_the_next_events_sync(
    world: EventsWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = first_section(world)
    directory = world.services.sync_district.directory
    pull = directory.pull_district

    def pull_then_change(district_id: str) -> Any:
        pulled = pull(district_id)
        world.sandbox.rename_section(section["id"], "Renamed While Pulling")
        return pulled

    monkeypatch.setattr(directory, "pull_district", pull_then_change)
    world.cursors.forget(world.district_id)
    assert triggers(world) == FULL
    monkeypatch.undo()
    assert class_in(world.rosters(), section["id"])["name"] != "Renamed While Pulling"

    assert triggers(world) == EVENTS
    assert class_in(world.rosters(), section["id"])["name"] == "Renamed While Pulling"


def test_an_expired_cursor_falls_back_to_a_full_sync_and_is_replaced(world: EventsWorld) -> None:
    section = first_section(world)
    world.sandbox.rename_section(section["id"], "First Name")
    assert triggers(world) == EVENTS
    stale = world.cursor().event_id
    student = section["students"][0]
    world.sandbox.drop(section["id"], student)
    world.sandbox.rename_section(section["id"], "Second Name")
    newest = world.sandbox.events()[-1]["id"]
    world.sandbox.expire_events_before(newest)  # Clever's 30 days have passed for the cursor

    assert triggers(world) == FULL
    rosters = world.rosters()
    assert class_in(rosters, section["id"])["name"] == "Second Name"
    assert student not in student_ids_in(rosters, section["id"])
    assert world.cursor().event_id == newest != stale
    assert triggers(world) == set()  # back on events: nothing new since


def test_a_cursor_clever_does_not_know_falls_back_to_a_full_sync(world: EventsWorld) -> None:
    world.sandbox.rename_section(first_section(world)["id"], "Some Name")
    world.sync()
    cursor = world.cursor()
    world.cursors.save(
        type(cursor)(cursor.district_id, "f" * 24, cursor.full_sync_at, cursor.saved_at)
    )

    assert triggers(world) == FULL
    assert world.cursor().event_id == world.sandbox.events()[-1]["id"]


def test_a_cursor_not_read_for_longer_than_clever_keeps_events_means_a_full_sync(
    world: EventsWorld,
) -> None:
    world.age_cursor(saved_days=30)

    assert triggers(world) == FULL


def test_the_full_reconcile_runs_once_a_week(world: EventsWorld) -> None:
    world.age_cursor(full_sync_days=6.9)
    world.sandbox.rename_section(first_section(world)["id"], "Midweek")
    assert triggers(world) == EVENTS

    world.age_cursor(full_sync_days=0.2)  # now 7.1 days since the last full sync
    assert triggers(world) == FULL
    assert triggers(world) == set()  # the full reconcile restarted the week


def test_the_full_reconcile_schedule_follows_the_setting(make_world: MakeWorld) -> None:
    world = make_world(full_reconcile_days=30)
    world.age_cursor(full_sync_days=8)
    world.sandbox.rename_section(first_section(world)["id"], "Still On Events")

    assert triggers(world) == EVENTS


def test_changes_outside_the_products_classes_start_no_run(world: EventsWorld) -> None:
    outside = next(s for s in world.sandbox.sections() if s["teacher"] not in world.rostering)
    world.sandbox.rename_section(outside["id"], "Not Ours")
    rosters, version = world.rosters(), world.roster_version()

    assert world.sync().runs == ()
    assert world.rosters() == rosters
    assert world.roster_version() == version
    assert world.cursor().event_id == world.sandbox.events()[-1]["id"]


def test_a_mass_drop_by_events_is_held_for_the_teacher_like_a_full_sync(
    world: EventsWorld,
) -> None:
    section = first_section(world)
    leaving = section["students"][: len(section["students"]) // 2 + 1]
    for student in leaving:
        world.sandbox.drop(section["id"], student)
    before = world.rosters()

    held = world.sync()

    assert {(r.trigger, r.status) for r in held.runs} == {(SyncTrigger.EVENTS, SyncStatus.HELD)}
    owners_run = next(r for r in held.runs if r.teacher_id == world.rostering[0])
    assert "would drop" in (owners_run.message or "")
    assert world.rosters() == before
    assert owners_run.id is not None

    approved = world.services.approve_held_sync(
        ApproveHeldSyncCommand(owners_run.id, world.rostering[0])
    )

    assert isinstance(approved, SyncStarted)
    assert approved.run.status is SyncStatus.SUCCEEDED
    assert not set(leaving) & student_ids_in(world.rosters(), section["id"])


def test_one_deleted_section_of_several_lands_while_most_of_them_is_held(
    world: EventsWorld,
) -> None:
    """The class hold counts every class of the teacher, not only those the events touched."""
    owner = world.rostering[0]
    owned = owned_sections(world, owner)
    assert len(owned) >= 3, "the owner needs several sections for this test"
    world.sandbox.delete_section(owned[0]["id"])

    one = world.sync()

    owners_run = next(r for r in one.runs if r.teacher_id == owner)
    assert owners_run.status in {SyncStatus.SUCCEEDED, SyncStatus.PARTIAL}
    assert class_in(world.rosters(), owned[0]["id"])["archived"] is True

    for section in owned[1:]:
        world.sandbox.delete_section(section["id"])

    most = world.sync()

    owners_run = next(r for r in most.runs if r.teacher_id == owner)
    assert owners_run.status is SyncStatus.HELD
    assert f"would remove {len(owned) - 1} of " in (owners_run.message or "")


def test_when_clever_cannot_be_read_nothing_changes_and_the_cursor_stays(
    world: EventsWorld,
) -> None:
    section = first_section(world)
    world.sandbox.rename_section(section["id"], "Waiting For Clever")
    cursor = world.cursor()
    world.sandbox.faults.truncate_next(1)

    result = world.services.sync_district(SyncDistrictCommand(world.district_id))

    assert result.error is not None and "Clever could not be read" in result.error
    assert result.runs == ()
    assert world.cursor() == cursor
    assert triggers(world) == EVENTS
    assert class_in(world.rosters(), section["id"])["name"] == "Waiting For Clever"


def test_forgetting_a_district_forgets_its_event_cursor(world: EventsWorld) -> None:
    assert world.cursors.get(world.district_id) is not None

    world.services.forget_district(world.district_id)

    assert world.cursors.get(world.district_id) is None
