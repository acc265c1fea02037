"""Rule 12: at most one sync per teacher and per district at a time."""

from __future__ import annotations

from application.request_sync import RequestSyncCommand
from application.results import SyncAlreadyRunning, SyncStarted
from application.sync_district import SyncDistrictCommand
from domain.sync_run import SyncStatus
from tests.factories import DISTRICT
from tests.unit.world import World, make_world


def test_a_teachers_sync_while_another_is_in_flight_is_refused(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(2))

    with world.services.lock.hold(f"teacher:{teacher.id}"):
        result = world.sync(teacher)

    assert isinstance(result, SyncAlreadyRunning)
    assert world.class_names(teacher) == []
    assert world.runs(teacher) == []
    assert isinstance(world.sync(teacher), SyncStarted)


def test_another_teacher_syncs_meanwhile(world: World) -> None:
    world.grant()
    busy, free = world.teacher(), world.teacher()
    world.section([free], world.students(1))

    with world.services.lock.hold(f"teacher:{busy.id}"):
        run = world.run(free)

    assert run.status is SyncStatus.SUCCEEDED


def test_a_district_sync_while_another_is_in_flight_is_refused(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    world.run(teacher)

    with world.services.lock.hold(f"district:{DISTRICT}"):
        result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert result.already_running is True
    assert result.runs == ()
    assert len(world.runs(teacher)) == 1


def test_the_daily_job_passes_over_a_teacher_whose_sync_is_in_flight(world: World) -> None:
    world.grant()
    busy, free = world.teacher(), world.teacher()
    kids = world.students(2)
    busy_class = world.section([busy], kids[:1])
    free_class = world.section([free], kids[:1])
    world.run(busy)
    world.run(free)
    world.enroll_only(busy_class, kids)
    world.enroll_only(free_class, kids)

    with world.services.lock.hold(f"teacher:{busy.id}"):
        result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert [r.teacher_id for r in result.runs] == [free.id]
    assert len(world.roster(busy_class)) == 1
    assert len(world.roster(free_class)) == 2


def test_the_daily_job_carries_out_a_manual_sync_still_waiting_in_the_queue() -> None:
    world = make_world(eager_queue=False)
    world.grant()
    teacher = world.teacher()
    kids = world.students(2)
    section = world.section([teacher], kids[:1])
    world.run(teacher)
    account = world.connect(teacher)
    assert account.id is not None
    world.clock.advance(minutes=5)
    waiting = world.services.request_sync(RequestSyncCommand(account.id))
    assert isinstance(waiting, SyncStarted) and waiting.run.status is SyncStatus.QUEUED
    world.enroll_only(section, kids)

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert [r.id for r in result.runs] == [waiting.run.id]
    assert result.runs[0].status is SyncStatus.SUCCEEDED
    assert len(world.roster(section)) == 2
    world.clock.advance(minutes=5)
    again = world.services.request_sync(RequestSyncCommand(account.id))
    assert isinstance(again, SyncStarted) and again.run.id != waiting.run.id
