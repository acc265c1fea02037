"""An events sync asks Clever for the events, and for records only when they are new to us."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import bootstrap
from adapters.clever import HttpxCleverDirectory
from application.premium_grants import GrantPremiumCommand
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from tests.events.world import EventsWorld, mark_rostering, section_owners, settings_for

CLEVER_DEFAULT_PAGE = 100  # what Clever answers when no limit is asked for


@pytest.fixture(scope="module")
def big_clever() -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=3, students=2000)) as running:
        yield running


@pytest.fixture
def every_owner_rostering(big_clever: RunningSandbox, sqlite_url: str) -> Iterator[EventsWorld]:
    sandbox = big_clever.sandbox
    services = bootstrap.build(settings_for(sqlite_url, big_clever.url))
    world = EventsWorld(big_clever, services, section_owners(sandbox))
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, world.district_id))
    mark_rostering(services, sandbox, world.rostering)
    world.sync()
    yield world
    world.close()


@pytest.mark.parametrize("page_size", [10_000, CLEVER_DEFAULT_PAGE])
def test_after_a_one_percent_change_the_events_sync_asks_clever_far_less(
    every_owner_rostering: EventsWorld, page_size: int
) -> None:
    world = every_owner_rostering
    directory = world.services.sync_district.directory
    assert isinstance(directory, HttpxCleverDirectory)
    directory.api.page_size = page_size  # the events reader shares it
    assert world.sandbox.change_fraction(0.01, seed=page_size) >= 10
    world.sandbox.requests.reset()
    world.sync()
    by_events = world.data_requests()
    rosters = world.rosters()

    world.sandbox.requests.reset()
    world.full_resync()
    by_full_pull = world.data_requests()

    assert world.rosters() == rosters
    # The events page and the district's terms; every record they name is already stored.
    assert by_events == 2
    assert by_full_pull >= (4 if page_size > CLEVER_DEFAULT_PAGE else 25)


def test_a_student_new_to_the_product_is_read_alone_not_the_whole_district(
    world: EventsWorld,
) -> None:
    rostered = {
        s["clever_id"]
        for view in world.rosters().values()
        for c in view["classes"]
        for s in c["students"]
    }
    section = next(s for s in world.sandbox.sections() if s["teacher"] == world.rostering[0])
    newcomer = next(s["id"] for s in world.sandbox.students() if s["id"] not in rostered)
    world.sandbox.enroll(section["id"], newcomer)
    world.sandbox.requests.reset()

    world.sync()

    assert world.sandbox.requests.by_endpoint == {
        "GET /v3.1/events": 1,
        "GET /v3.1/terms": 1,  # a section changed: its term is read as Clever has it now
        "GET /v3.1/users/{id}": 1,
    }
