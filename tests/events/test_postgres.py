"""The events sync on Postgres, wired by `bootstrap.build` (skipped when Postgres is away,
failing instead when ROSTERSYNC_REQUIRE_SERVICES=1)."""

from __future__ import annotations

from domain.sync_run import SyncTrigger
from tests.events.conftest import MakeWorld
from tests.events.scripted import CHANGES

SYNC_MID_WAY = {
    "reshare an unshared section",
    "delete a co-teacher from the district",
    "re-enroll a student changed while in no class",
}


def test_a_day_of_changes_by_events_then_a_replay_on_postgres(
    make_world: MakeWorld, postgres_url: str
) -> None:
    world = make_world(postgres_url)
    start = world.cursor()
    for change in CHANGES:
        if change.name in SYNC_MID_WAY:
            continue  # covered on SQLite
        change.make(world, world.rosters())
    applied = world.sync()
    assert {run.trigger for run in applied.runs} == {SyncTrigger.EVENTS}
    by_events, version = world.rosters(), world.roster_version()

    world.cursors.save(start)
    replay = world.sync()
    assert [r.counts.as_dict() for r in replay.runs if any(r.counts.as_dict().values())] == []
    assert world.roster_version() == version

    world.full_resync()
    assert world.rosters() == by_events
    assert world.roster_version() == version
