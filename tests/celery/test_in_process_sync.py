"""Without a broker (the embedded default) a sync request runs at once, in process."""

from __future__ import annotations

from adapters.celery.names import SYNC_TEACHER_TASK
from application.results import SyncAlreadyRunning, SyncStarted
from domain.licensing import LicenseScope
from domain.sync_run import SyncStatus
from tests.celery.conftest import CeleryWorld
from tests.factories import DISTRICT


def test_pressing_sync_runs_it_in_process_and_the_classes_appear(world: CeleryWorld) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    kids = world.students(3)
    section = world.section(teacher, kids)

    result = world.press_sync(world.sign_in(teacher))

    assert isinstance(result, SyncStarted), result
    assert result.run.status is SyncStatus.SUCCEEDED
    assert result.run.counts.classes_created == 1
    assert world.roster(section) == sorted(k.id for k in kids)


def test_the_task_takes_over_the_queued_run_instead_of_opening_another(
    world: CeleryWorld,
) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    world.section(teacher, world.students(2))

    world.press_sync(world.sign_in(teacher))

    runs = world.runs_of(teacher)
    assert [r.status for r in runs] == [SyncStatus.SUCCEEDED]


def test_pressing_sync_while_a_run_is_queued_joins_it(world: CeleryWorld) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    world.section(teacher, world.students(2))
    account = world.sign_in(teacher)
    world.app.conf.task_always_eager = False  # the first request stays queued in the broker
    first = world.press_sync(account)

    second = world.press_sync(account)

    assert isinstance(first, SyncStarted)
    assert isinstance(second, SyncAlreadyRunning)
    assert second.run_id == first.run.id
    assert len(world.runs_of(teacher)) == 1


def test_clever_outage_in_process_fails_the_run_once_without_blocking_on_retries(
    world: CeleryWorld,
) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    world.section(teacher, world.students(2))
    account = world.sign_in(teacher)
    world.clever.failing = True
    world.clever.requests = 0

    result = world.press_sync(account)

    assert isinstance(result, SyncStarted)
    assert result.run.status is SyncStatus.FAILED
    assert "Clever could not be read" in (result.run.message or "")
    assert world.clever.requests == 1


def test_a_sync_task_reports_what_happened(world: CeleryWorld) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    world.section(teacher, world.students(1))

    summary = world.app.tasks[SYNC_TEACHER_TASK].apply((teacher.id,)).get()

    assert summary["outcome"] == "started"
    assert summary["status"] == "succeeded"
