"""RequestSync: the "Sync with Clever" button."""

from __future__ import annotations

from datetime import timedelta

from application.accounts import SignUpCommand
from application.request_sync import RequestSyncCommand
from application.results import (
    CleverNotLinked,
    PremiumRequired,
    RecentSync,
    SyncAlreadyRunning,
    SyncStarted,
)
from application.sync_teacher import SyncTeacherCommand
from domain.accounts import Account, Role
from domain.sync_run import SyncStatus, SyncTrigger
from tests.unit.world import World, make_world


def _press(world: World, account: Account) -> object:
    assert account.id is not None
    return world.services.request_sync(RequestSyncCommand(account.id))


def test_a_linked_premium_teacher_gets_a_finished_run(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    section = world.section([teacher], world.students(3), name="Biology")
    account = world.connect(teacher)

    result = _press(world, account)

    assert isinstance(result, SyncStarted)
    assert result.run.status is SyncStatus.SUCCEEDED
    assert result.run.trigger is SyncTrigger.MANUAL
    assert result.run.counts.classes_created == 1
    assert world.runs(teacher) == [result.run]
    assert world.class_names(teacher) == ["Biology"]
    assert len(world.roster(section)) == 3


def test_an_account_without_clever_is_told_to_connect_it(world: World) -> None:
    world.grant()
    account = world.sign_up()(
        SignUpCommand("t@school.example.org", "correct horse battery", "T", Role.TEACHER)
    )
    assert isinstance(account, Account)

    assert _press(world, account) == CleverNotLinked()
    assert world.services.request_sync(RequestSyncCommand(12345)) == CleverNotLinked()
    assert world.store.sync_runs == {}


def test_a_student_cannot_sync(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1)[0]
    world.section([teacher], [student])
    world.run(teacher)

    assert isinstance(_press(world, world.connect(student)), CleverNotLinked)


def test_a_teacher_without_premium_is_told_so_and_nothing_is_queued() -> None:
    world = make_world(eager_queue=False)
    teacher = world.teacher()
    world.section([teacher], world.students(1))

    assert _press(world, world.connect(teacher)) == PremiumRequired()
    assert world.runs(teacher) == []
    assert world.services.queue.teacher_syncs == []  # type: ignore[attr-defined]


def test_a_second_press_joins_the_run_already_queued() -> None:
    world = make_world(eager_queue=False)
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    account = world.connect(teacher)

    first = _press(world, account)
    second = _press(world, account)

    assert isinstance(first, SyncStarted) and first.run.status is SyncStatus.QUEUED
    assert second == SyncAlreadyRunning(first.run.id or -1)
    assert world.services.queue.teacher_syncs == [  # type: ignore[attr-defined]
        (teacher.id, SyncTrigger.MANUAL, first.run.id)
    ]


def test_the_queued_run_is_the_one_that_finishes() -> None:
    world = make_world(eager_queue=False)
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    queued = _press(world, world.connect(teacher))
    assert isinstance(queued, SyncStarted)

    teacher_id, trigger, run_id = world.services.queue.teacher_syncs[0]  # type: ignore[attr-defined]
    done = world.services.sync_teacher(SyncTeacherCommand(teacher_id, trigger, run_id))

    assert isinstance(done, SyncStarted)
    assert done.run.id == queued.run.id
    assert done.run.status is SyncStatus.SUCCEEDED
    assert len(world.runs(teacher)) == 1


def test_a_queued_run_whose_licence_ended_meanwhile_is_skipped_not_left_waiting() -> None:
    world = make_world(eager_queue=False)
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    world.grant(until=world.clock.today())
    account = world.connect(teacher)
    queued = _press(world, account)
    assert isinstance(queued, SyncStarted)

    world.clock.advance(days=1)
    teacher_id, trigger, run_id = world.services.queue.teacher_syncs[0]  # type: ignore[attr-defined]
    done = world.services.sync_teacher(SyncTeacherCommand(teacher_id, trigger, run_id))

    assert done == PremiumRequired()
    [run] = world.runs(teacher)
    assert (run.status, run.message) == (SyncStatus.SKIPPED, "Premium licence required")
    assert world.class_names(teacher) == []
    assert _press(world, account) == PremiumRequired()


def test_a_press_soon_after_a_finished_sync_gets_that_run_back(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(2))
    account = world.connect(teacher)
    first = _press(world, account)
    assert isinstance(first, SyncStarted) and first.run.finished_at is not None
    allowed = first.run.finished_at + timedelta(seconds=30)
    assert first.next_sync_allowed_at == allowed

    world.clock.advance(seconds=29)
    again = _press(world, account)

    assert again == RecentSync(first.run, allowed)
    assert world.runs(teacher) == [first.run]

    world.clock.advance(seconds=1)
    later = _press(world, account)

    assert isinstance(later, SyncStarted) and later.run.id != first.run.id
    assert len(world.runs(teacher)) == 2


def test_a_scheduled_sync_does_not_hold_back_a_manual_one(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    account = world.connect(teacher)
    world.clock.advance(minutes=5)
    world.services.sync_teacher(SyncTeacherCommand(teacher.id, SyncTrigger.SCHEDULED))

    assert isinstance(_press(world, account), SyncStarted)


def test_no_interval_means_every_press_syncs() -> None:
    world = make_world(manual_sync_min_interval_seconds=0)
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    account = world.connect(teacher)

    presses = [_press(world, account) for _ in range(3)]

    assert all(isinstance(p, SyncStarted) for p in presses)
    assert len(world.runs(teacher)) == 3


def test_a_failed_sync_can_be_retried_at_once(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    account = world.connect(teacher)
    world.clever.failing = True
    failed = _press(world, account)
    assert isinstance(failed, SyncStarted) and failed.run.status is SyncStatus.FAILED
    world.clever.failing = False

    retried = _press(world, account)

    assert isinstance(retried, SyncStarted) and retried.run.status is SyncStatus.SUCCEEDED
