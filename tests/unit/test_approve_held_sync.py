"""ApproveHeldSync: only the teacher whose sync was held, only their latest run, only once."""

from __future__ import annotations

from application.results import NotFound, SyncAlreadyRunning, SyncStarted
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncStatus, SyncTrigger
from tests.unit.world import World


def _class_of(world: World, size: int) -> tuple[CleverPerson, CleverSection, list[CleverPerson]]:
    world.grant()
    teacher = world.teacher()
    kids = world.students(size)
    section = world.section([teacher], kids, name="Period 1")
    world.run(teacher)
    return teacher, section, kids


def test_only_the_teacher_whose_sync_was_held_can_approve(world: World) -> None:
    teacher, section, kids = _class_of(world, 4)
    co_teacher = world.teacher()
    world.change_section(
        section.id, teacher_ids=(teacher.id, co_teacher.id), student_ids=(kids[0].id,)
    )
    held = world.run(teacher)
    assert held.status is SyncStatus.HELD

    refused = world.approve(held, co_teacher.id)

    assert refused == NotFound("No such sync run.")
    assert world.roster(section) == sorted(k.id for k in kids)


def test_only_the_latest_run_can_be_approved(world: World) -> None:
    teacher, section, kids = _class_of(world, 4)
    world.enroll_only(section, kids[:1])
    older = world.run(teacher)
    newer = world.run(teacher)
    assert (older.status, newer.status) == (SyncStatus.HELD, SyncStatus.HELD)

    refused = world.approve(older, teacher.id)

    assert isinstance(refused, NotFound)
    assert "newer sync" in refused.message
    assert world.roster(section) == sorted(k.id for k in kids)
    assert isinstance(world.approve(newer, teacher.id), SyncStarted)
    assert world.roster(section) == [kids[0].id]


def test_a_run_that_is_not_held_cannot_be_approved(world: World) -> None:
    teacher, _, _ = _class_of(world, 4)
    finished = world.run(teacher)

    assert world.approve(finished, teacher.id) == NotFound(
        "That sync run is not waiting for approval."
    )


def test_a_held_run_is_approved_once(world: World) -> None:
    teacher, section, kids = _class_of(world, 4)
    world.enroll_only(section, kids[:1])
    held = world.run(teacher)
    world.approve(held, teacher.id)
    writes = world.writes

    again = world.approve(held, teacher.id)

    assert isinstance(again, NotFound)
    assert world.writes == writes


def test_approval_waits_while_a_sync_of_that_teacher_runs(world: World) -> None:
    teacher, section, kids = _class_of(world, 4)
    world.enroll_only(section, kids[:1])
    held = world.run(teacher)

    with world.services.lock.hold(f"teacher:{teacher.id}"):
        busy = world.approve(held, teacher.id)

    assert isinstance(busy, SyncAlreadyRunning)
    assert world.roster(section) == sorted(k.id for k in kids)


def test_approving_keeps_a_co_teachers_daily_sync_they_started_meanwhile(world: World) -> None:
    world.grant()
    teacher, co_teacher = world.teacher(), world.teacher()
    kids = world.students(2)
    shared = world.section([teacher, co_teacher], kids, name="Shared")
    doomed = [world.section([teacher], [], name=f"Own {n}") for n in range(2)]
    world.run(teacher)
    for section in doomed:
        world.delete_section(section.id)
    world.change_person(co_teacher.id, email="new-address@school.example.org")
    held = world.run(teacher)
    assert held.status is SyncStatus.HELD

    world.run(co_teacher)
    world.approve(held, teacher.id)

    co_run = world.run(co_teacher, trigger=SyncTrigger.SCHEDULED)
    assert co_run.status is SyncStatus.SUCCEEDED
    assert world.class_names(teacher) == ["Shared"]
    assert world.roster(shared) == sorted(k.id for k in kids)


def test_a_licence_that_ended_since_the_hold_blocks_approval(world: World) -> None:
    from datetime import timedelta

    from application.results import PremiumRequired

    world.grant(until=world.clock.today() + timedelta(days=1))
    teacher = world.teacher()
    kids = world.students(4)
    section = world.section([teacher], kids, name="Period 1")
    world.run(teacher)
    world.enroll_only(section, kids[:1])
    held = world.run(teacher)
    world.clock.advance(days=3)

    assert isinstance(world.approve(held, teacher.id), PremiumRequired)
    assert world.roster(section) == sorted(k.id for k in kids)
