"""Demographics shown from the cache are audited too: every answer that shows them is covered
by audit records written before it is sent. With a zero audit window each hit writes its own
records; otherwise the records of a read cover the viewer's identical repeats for the window."""

from __future__ import annotations

from datetime import datetime, timedelta

from graphql_api.cache import CacheLimits
from tests.graphql.world import GraphWorld
from tests.graphql_cache.world import ROSTER, Roster, answer, cached_world, hits, roster
from tests.persistence.backends import Backend

Entry = tuple[int, str, datetime]


def audit_entries(world: GraphWorld, backend: Backend) -> list[Entry]:
    if backend.engine is None:
        return list(world.store.demographics_audit)
    return backend.audit_entries()


def shown_students(setup: Roster) -> set[str]:
    return {sid for section in setup.sections for sid in section.student_ids}


def test_with_a_zero_window_every_hit_writes_its_audit_records(backend: Backend) -> None:
    world = cached_world(backend, CacheLimits(audit_window=timedelta(0)))
    setup = roster(world, 2, 3)
    answer(setup.client)
    read_at = world.clock.now()
    world.clock.advance(seconds=5)

    answer(setup.client)
    answer(setup.client)

    entries = audit_entries(world, backend)
    assert hits(world) == 2
    assert len(entries) == 3 * 6
    hit_entries = [e for e in entries if e[2] != read_at]
    assert {sid for _, sid, _ in hit_entries} == shown_students(setup)
    assert {(viewer, at) for viewer, _, at in hit_entries} == {
        (setup.account.id, read_at + timedelta(seconds=5))
    }


def test_repeats_within_the_window_are_covered_and_later_ones_audited_again(
    backend: Backend,
) -> None:
    world = cached_world(backend, CacheLimits(audit_window=timedelta(seconds=60)))
    setup = roster(world, 1, 4)
    answer(setup.client)
    first_read = audit_entries(world, backend)
    world.clock.advance(seconds=59)

    answer(setup.client)
    within = audit_entries(world, backend)
    world.clock.advance(seconds=1)
    answer(setup.client)
    after = audit_entries(world, backend)

    assert hits(world) == 2
    assert len(first_read) == 4 and within == first_read
    later = after[len(first_read) :]
    assert {sid for _, sid, _ in later} == shown_students(setup)
    assert {at for _, _, at in later} == {world.clock.now()}


def test_answers_without_demographics_write_no_audit_records(backend: Backend) -> None:
    world = cached_world(backend, CacheLimits(audit_window=timedelta(0)))
    setup = roster(world, 1, 3)
    query = "{ viewer { classes { name students { name } } } }"

    for _ in range(3):
        answer(setup.client, query)

    assert hits(world) == 2
    assert audit_entries(world, backend) == []


def test_a_hit_after_the_first_read_was_not_revealing_stays_unaudited(backend: Backend) -> None:
    """A student viewer's answer hides demographics, so repeats of it audit nothing either."""
    world = cached_world(backend, CacheLimits(audit_window=timedelta(0)))
    setup = roster(world, 1, 2)
    pupil_id = setup.sections[0].student_ids[0]
    pupil = world.signed_in(world.account(world.clever.people[pupil_id]))

    for _ in range(2):
        assert (
            answer(pupil, ROSTER)["data"]["viewer"]["classes"][0]["students"][0]["demographics"]
            is None
        )

    assert hits(world) == 1
    assert audit_entries(world, backend) == []
