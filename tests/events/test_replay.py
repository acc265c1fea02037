"""Events are applied idempotently: a replay, or a sync with nothing new, writes no roster row."""

from __future__ import annotations

from domain.sync_run import SyncTrigger
from tests.events.world import EventsWorld


def test_replaying_the_same_events_changes_nothing(world: EventsWorld) -> None:
    start = world.cursor()
    assert world.sandbox.change_fraction(0.05, seed=11) > 5
    first = world.sync()
    assert any(any(run.counts.as_dict().values()) for run in first.runs)
    rosters, history, version = world.rosters(), world.history(), world.roster_version()
    moved = world.cursor()
    assert moved.event_id is not None and moved.event_id != start.event_id

    world.cursors.save(start)
    replay = world.sync()

    assert replay.runs
    assert {run.trigger for run in replay.runs} == {SyncTrigger.EVENTS}
    assert [run.counts.as_dict() for run in replay.runs if any(run.counts.as_dict().values())] == []
    assert world.rosters() == rosters
    assert world.history() == history
    assert world.roster_version() == version
    assert world.cursor().event_id == moved.event_id


def test_a_sync_with_no_new_event_runs_no_teacher_and_reads_only_the_events(
    world: EventsWorld,
) -> None:
    world.sandbox.rename_section(world.sandbox.sections()[0]["id"], "Renamed Once")
    world.sync()
    rosters, version = world.rosters(), world.roster_version()
    world.sandbox.requests.reset()

    quiet = world.sync()

    assert quiet.runs == ()
    assert world.sandbox.requests.by_endpoint == {"GET /v3.1/events": 1}
    assert world.rosters() == rosters
    assert world.roster_version() == version
