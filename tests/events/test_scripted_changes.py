"""Each kind of Clever change, applied by the events sync, ends where a full resync would:
afterwards the full resync finds nothing left to write."""

from __future__ import annotations

import pytest

from domain.sync_run import SyncStatus, SyncTrigger
from tests.events.scripted import CHANGES, Change
from tests.events.world import EventsWorld

LANDED = {SyncStatus.SUCCEEDED, SyncStatus.PARTIAL}


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.name)
def test_the_events_sync_ends_where_a_full_resync_would(world: EventsWorld, change: Change) -> None:
    check = change.make(world, world.rosters())

    applied = world.sync()

    assert applied.runs, "the events reached no rostering teacher"
    assert {run.trigger for run in applied.runs} == {SyncTrigger.EVENTS}
    assert {run.status for run in applied.runs} <= LANDED, [r.message for r in applied.runs]
    by_events = world.rosters()
    check(by_events)

    version = world.roster_version()
    full = world.full_resync()

    assert {run.status for run in full.runs} <= LANDED
    assert [run.counts.as_dict() for run in full.runs if any(run.counts.as_dict().values())] == []
    assert world.rosters() == by_events
    assert world.roster_version() == version, "the full resync still had roster rows to write"
