"""The events sync on in-memory storage with a fake clock: schedule, Premium, busy teachers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from application.clever_events import SyncCursor
from application.premium_grants import GrantPremiumCommand
from clever_sandbox.server import RunningSandbox
from domain.licensing import LicenseScope
from domain.sync_run import SyncStatus, SyncTrigger
from tests.events.memory_world import MemoryWorld, memory_world
from tests.events.world import section_owners


@pytest.fixture
def world(clever: RunningSandbox) -> Iterator[MemoryWorld]:
    made = memory_world(clever)
    yield made
    made.close()


def triggers(world: MemoryWorld) -> set[SyncTrigger]:
    result = world.sync()
    assert result.error is None, result.error
    return {run.trigger for run in result.runs}


def saved_cursor(world: MemoryWorld) -> SyncCursor:
    cursor = world.cursors.get(world.district_id)
    assert cursor is not None, "no event cursor saved"
    return cursor


def owned_section(world: MemoryWorld, teacher_id: str) -> dict[str, object]:
    return next(s for s in world.clever.sandbox.sections() if s["teacher"] == teacher_id)


def test_a_week_of_events_then_the_full_reconcile(world: MemoryWorld) -> None:
    teacher = section_owners(world.clever.sandbox)[0]
    section = str(owned_section(world, teacher)["id"])
    world.start_rostering([teacher])
    assert triggers(world) == {SyncTrigger.SCHEDULED}

    for day in range(1, 7):
        world.clock.advance(days=1)
        world.clever.sandbox.rename_section(section, f"Day {day}")
        assert triggers(world) == {SyncTrigger.EVENTS}, f"day {day}"

    world.clock.advance(days=1)
    assert triggers(world) == {SyncTrigger.SCHEDULED}
    assert saved_cursor(world).full_sync_at == world.clock.now()


def test_a_gap_longer_than_clevers_event_window_means_a_full_sync(clever: RunningSandbox) -> None:
    world = memory_world(clever, full_reconcile_days=90)
    try:
        world.start_rostering([section_owners(clever.sandbox)[0]])
        world.sync()
        world.clock.advance(days=29)
        assert triggers(world) == set()  # nothing changed, and the cursor is read up to now
        world.clock.advance(days=30)
        assert triggers(world) == {SyncTrigger.SCHEDULED}
    finally:
        world.close()


def test_a_teacher_busy_syncing_keeps_the_cursor_until_every_teacher_landed(
    world: MemoryWorld,
) -> None:
    teacher = section_owners(world.clever.sandbox)[0]
    section = str(owned_section(world, teacher)["id"])
    world.start_rostering([teacher])
    world.sync()
    before = world.cursors.get(world.district_id)
    world.clever.sandbox.rename_section(section, "While Busy")

    with world.lock.hold(f"teacher:{teacher}") as held:
        assert held
        busy = world.sync()

    assert busy.runs == ()
    assert world.cursors.get(world.district_id) == before
    landed = world.sync()
    assert [(r.trigger, r.status) for r in landed.runs] == [
        (SyncTrigger.EVENTS, SyncStatus.SUCCEEDED)
    ]
    assert landed.runs[0].counts.classes_updated == 1


def test_a_teacher_whose_premium_lapsed_is_skipped_and_the_others_synced(
    world: MemoryWorld,
) -> None:
    lapsing, staying = section_owners(world.clever.sandbox)[:2]
    until = world.clock.today() + timedelta(days=2)
    world.services.grant_premium(GrantPremiumCommand(LicenseScope.TEACHER, lapsing, until))
    world.grant(LicenseScope.TEACHER, staying)
    world.start_rostering([lapsing, staying], district_premium=False)
    world.sync()
    world.clock.advance(days=3)
    for teacher in (lapsing, staying):
        world.clever.sandbox.rename_section(str(owned_section(world, teacher)["id"]), "Renamed")

    result = world.sync()

    assert [run.teacher_id for run in result.runs] == [staying]
    assert result.skipped == ((lapsing, "no active Premium licence"),)
    assert saved_cursor(world).event_id == world.clever.sandbox.events()[-1]["id"]


def test_a_district_with_no_teacher_to_sync_yet_stays_on_full_syncs(world: MemoryWorld) -> None:
    teacher = section_owners(world.clever.sandbox)[0]
    assert world.sync().teachers == ()
    assert world.cursors.get(world.district_id) is None

    world.start_rostering([teacher])

    assert triggers(world) == {SyncTrigger.SCHEDULED}
    assert world.cursors.get(world.district_id) is not None


def test_the_calendar_alone_archives_a_finished_years_classes_in_an_events_sync(
    world: MemoryWorld,
) -> None:
    """No event names the classes: the year-end archive comes for them by date, and the events
    sync, which loads whole only the classes a sync may change, loads these."""
    sandbox = world.clever.sandbox
    teacher = section_owners(sandbox)[0]
    taught = {str(s["id"]) for s in sandbox.sections() if teacher in s["teachers"]}
    today = sandbox.today()
    world.clock.current = datetime(today.year, today.month, today.day, 8, tzinfo=UTC)
    world.start_rostering([teacher])
    assert triggers(world) == {SyncTrigger.SCHEDULED}
    sandbox.end_terms(days_ago=10)  # within the 14 days a finished term's classes stay live
    assert triggers(world) == {SyncTrigger.EVENTS}
    assert _live(world, teacher) == taught

    world.clock.advance(days=5)  # now the term ended 15 days ago; Clever sends nothing
    result = world.sync()

    assert [(r.trigger, r.status) for r in result.runs] == [
        (SyncTrigger.EVENTS, SyncStatus.SUCCEEDED)
    ]
    assert result.runs[0].counts.classes_archived_term_ended == len(taught)
    assert _live(world, teacher) == set()


def _live(world: MemoryWorld, teacher_id: str) -> set[str]:
    classes = world.services.reader.classes_for_teachers([teacher_id], include_archived=False)
    return {c.id for c in classes[teacher_id]}
