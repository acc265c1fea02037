"""A teacher's roster read at a roster version serves every query over it at that version, even
queries the response cache does not hold; their demographics are still covered by audit
entries (one per viewer and students within the audit window), and a change reads anew."""

from __future__ import annotations

from datetime import timedelta

from graphql_api.cache import CacheLimits
from tests.graphql_cache.world import answer, cached_world, roster

QUERY = """{ viewer { classes { name students { name demographics { race } } } } }"""


def test_queries_at_one_version_read_the_roster_once() -> None:
    world = cached_world()
    setup = roster(world, 2, 3)
    world.reader.calls.clear()

    names = [answer(setup.client, QUERY, n=n)["data"]["viewer"]["classes"] for n in range(3)]

    assert names[0] == names[1] == names[2]
    assert world.reader.calls["teacher_roster"] == 1
    assert world.reader.calls["record_demographics_access"] == 0  # covered by the read's entries
    assert len(world.store.demographics_audit) == 6


def test_after_the_audit_window_the_same_students_are_recorded_again() -> None:
    world = cached_world(limits=CacheLimits(audit_window=timedelta(seconds=60)))
    setup = roster(world, 1, 4)
    answer(setup.client, QUERY, n=1)
    world.clock.advance(seconds=61)

    answer(setup.client, QUERY, n=2)

    entries = world.store.demographics_audit
    assert len(entries) == 8
    assert {at for _, _, at in entries[4:]} == {world.clock.now()}


def test_with_a_zero_window_every_read_is_recorded() -> None:
    world = cached_world(limits=CacheLimits(audit_window=timedelta(0)))
    setup = roster(world, 1, 2)

    for n in range(3):
        answer(setup.client, QUERY, n=n)

    assert len(world.store.demographics_audit) == 6


def test_a_roster_change_is_read_anew() -> None:
    world = cached_world()
    setup = roster(world, 1, 2)
    answer(setup.client, QUERY, n=1)
    section = setup.sections[0]
    world.change_section(section.id, name="Renamed in Clever")
    world.sync(setup.teacher)
    world.reader.calls.clear()

    classes = answer(setup.client, QUERY, n=2)["data"]["viewer"]["classes"]

    assert classes[0]["name"] == "Renamed in Clever"
    assert world.reader.calls["teacher_roster"] == 1
