"""The daily job: one district job per connected district, spread over the window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from adapters.celery.names import DAILY_SYNC_TASK, SYNC_DISTRICT_TASK
from adapters.celery.spread import district_countdown
from domain.licensing import LicenseScope
from domain.sync_run import SyncTrigger
from tests.celery.conftest import CeleryWorld, build_world, drain_published, make_settings
from tests.factories import DISTRICT

OTHER_DISTRICT = "d0000000000000000000000b"
WINDOW_MINUTES = 90


@pytest.fixture
def queued_world() -> Iterator[CeleryWorld]:
    """Tasks go to an in-memory broker and wait there, as they would in Redis."""
    built = build_world(
        make_settings(celery_broker_url="memory://", daily_sync_window_minutes=WINDOW_MINUTES)
    )
    yield built
    built.close()


def test_daily_sync_queues_one_job_per_connected_district_inside_the_window(
    queued_world: CeleryWorld,
) -> None:
    world = queued_world
    for district in (DISTRICT, OTHER_DISTRICT):
        world.section(world.teacher(district), world.students(1, district))
    before = datetime.now(UTC)

    world.app.tasks[DAILY_SYNC_TASK].apply().get()

    after = datetime.now(UTC)
    jobs = drain_published(world.app)
    assert sorted(str(job.args[0]) for job in jobs) == [DISTRICT, OTHER_DISTRICT]
    for job in jobs:
        assert job.task == SYNC_DISTRICT_TASK
        assert job.queue == "sync"
        assert job.eta is not None
        delay = timedelta(seconds=district_countdown(str(job.args[0]), WINDOW_MINUTES))
        assert before + delay <= job.eta <= after + delay
        assert job.eta <= after + timedelta(minutes=WINDOW_MINUTES)


def test_district_start_times_are_stable_and_spread_over_the_window() -> None:
    districts = [f"d{n:023d}" for n in range(200)]
    delays = [district_countdown(d, WINDOW_MINUTES) for d in districts]

    assert delays == [district_countdown(d, WINDOW_MINUTES) for d in districts]
    assert all(0 <= d < WINDOW_MINUTES * 60 for d in delays)
    quarters = {d * 4 // (WINDOW_MINUTES * 60) for d in delays}
    assert quarters == {0, 1, 2, 3}
    assert district_countdown(districts[0], 0) == 0


def test_daily_sync_covers_every_synced_premium_teacher_and_skips_the_rest(
    world: CeleryWorld,
) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    covered = world.teacher(DISTRICT)
    never_synced = world.teacher(DISTRICT)
    covered_elsewhere = world.teacher(OTHER_DISTRICT)
    lapsed = world.teacher(OTHER_DISTRICT)
    world.grant(LicenseScope.TEACHER, covered_elsewhere.id)
    world.grant(LicenseScope.TEACHER, lapsed.id, until=date(2026, 9, 30))
    teachers = (covered, never_synced, covered_elsewhere, lapsed)
    sections = {t.id: world.section(t, world.students(2, t.district_id)) for t in teachers}
    for teacher in (covered, covered_elsewhere, lapsed):
        world.manual_sync(teacher)
    world.clock.advance(days=60)  # past the end of the lapsed teacher's licence
    newcomers = {}
    for teacher_id, section in sections.items():
        newcomers[teacher_id] = world.students(1, section.district_id)[0]
        world.enrol(section, newcomers[teacher_id])

    world.app.tasks[DAILY_SYNC_TASK].apply().get()

    for teacher in (covered, covered_elsewhere):
        assert newcomers[teacher.id].id in world.roster(sections[teacher.id])
        assert [r.trigger for r in world.runs_of(teacher)] == [
            SyncTrigger.SCHEDULED,
            SyncTrigger.MANUAL,
        ]
    assert newcomers[lapsed.id].id not in world.roster(sections[lapsed.id])
    assert [r.trigger for r in world.runs_of(lapsed)] == [SyncTrigger.MANUAL]
    assert world.roster(sections[never_synced.id]) == []
    assert world.runs_of(never_synced) == []
    summary = world.app.tasks[SYNC_DISTRICT_TASK].apply((OTHER_DISTRICT,)).get()
    assert summary["skipped"] == [[lapsed.id, "no active Premium licence"]]


@pytest.mark.parametrize("teachers", [2, 12])
def test_a_district_job_asks_clever_the_same_number_of_times_for_any_number_of_teachers(
    world: CeleryWorld, teachers: int
) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    for _ in range(teachers):
        teacher = world.teacher()
        world.section(teacher, world.students(3))
        world.manual_sync(teacher)
    world.clever.requests = 0

    summary = world.app.tasks[SYNC_DISTRICT_TASK].apply((DISTRICT,)).get()

    assert summary["runs"] == teachers
    assert world.clever.requests == 1


def test_a_second_daily_start_the_same_day_queues_nothing(queued_world: CeleryWorld) -> None:
    world = queued_world
    world.section(world.teacher(DISTRICT), world.students(1, DISTRICT))
    daily = world.app.tasks[DAILY_SYNC_TASK]

    first = daily.apply(task_id="tick-from-beat-a").get()
    second = daily.apply(task_id="tick-from-beat-b").get()

    assert first == {"outcome": "fanned_out", "districts": 1}
    assert second == {"outcome": "already_started_today"}
    assert [job.args for job in drain_published(world.app)] == [[DISTRICT]]


def test_a_redelivered_daily_tick_still_fans_out_and_the_next_day_starts_again(
    queued_world: CeleryWorld,
) -> None:
    world = queued_world
    world.section(world.teacher(DISTRICT), world.students(1, DISTRICT))
    daily = world.app.tasks[DAILY_SYNC_TASK]

    daily.apply(task_id="tick-1").get()
    redelivered = daily.apply(task_id="tick-1").get()
    world.clock.advance(days=1)
    tomorrow = daily.apply(task_id="tick-2").get()

    assert redelivered["outcome"] == "fanned_out"
    assert tomorrow["outcome"] == "fanned_out"
    assert len(drain_published(world.app)) == 3
