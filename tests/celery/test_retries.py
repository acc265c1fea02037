"""A worker retries a sync that met a Clever outage, with growing delays, and converges."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from celery import signals

from adapters.celery import DeliveryPolicy
from adapters.celery.names import SYNC_DISTRICT_TASK, SYNC_TEACHER_TASK
from domain.licensing import LicenseScope
from domain.sync_run import SyncStatus
from tests.celery.conftest import CeleryWorld, build_world, make_settings
from tests.factories import DISTRICT

WORKER_POLICY = DeliveryPolicy(max_retries=3, retry_base_seconds=60, retry_max_seconds=200)


@pytest.fixture
def worker_world() -> Iterator[CeleryWorld]:
    """Eager for the test, but retrying like a worker with a broker does."""
    built = build_world(make_settings(), WORKER_POLICY)
    # A worker reports a retry to the broker; in eager mode apply() re-runs the task at once.
    built.app.conf.task_eager_propagates = False
    yield built
    built.close()


@pytest.fixture
def retry_delays() -> Iterator[list[int]]:
    delays: list[int] = []

    def record(reason: Any, **_: Any) -> None:
        delays.append(reason.when)

    signals.task_retry.connect(record, weak=False)
    yield delays
    signals.task_retry.disconnect(record)


class CleverDownFor:
    """Fails the next `failures` Clever requests, then answers again."""

    def __init__(self, world: CeleryWorld, failures: int) -> None:
        self.world, self.left = world, failures
        original = world.clever._request

        def flaky() -> None:
            world.clever.failing = self.left > 0
            self.left -= 1
            original()

        world.clever._request = flaky  # type: ignore[method-assign]


def test_teacher_sync_retries_with_backoff_until_clever_answers(
    worker_world: CeleryWorld, retry_delays: list[int]
) -> None:
    world = worker_world
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    kids = world.students(3)
    section = world.section(teacher, kids)
    world.manual_sync(teacher)  # the teacher is known; now Clever goes down
    world.enrol(section, new_kid := world.students(1)[0])
    CleverDownFor(world, failures=2)

    summary = world.app.tasks[SYNC_TEACHER_TASK].apply((teacher.id, "scheduled")).get()

    assert retry_delays == [60, 120]
    assert summary["status"] == "succeeded"
    assert new_kid.id in world.roster(section)
    statuses = [r.status for r in reversed(world.runs_of(teacher))]
    assert statuses == [
        SyncStatus.SUCCEEDED,
        SyncStatus.FAILED,
        SyncStatus.FAILED,
        SyncStatus.SUCCEEDED,
    ]


def test_retries_are_bounded_and_the_failure_stays_recorded(
    worker_world: CeleryWorld, retry_delays: list[int]
) -> None:
    world = worker_world
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    world.section(teacher, world.students(2))
    world.manual_sync(teacher)
    world.clever.failing = True

    summary = world.app.tasks[SYNC_TEACHER_TASK].apply((teacher.id, "scheduled")).get()

    assert retry_delays == [60, 120, 200]
    assert summary["status"] == "failed"
    assert world.runs_of(teacher)[0].status is SyncStatus.FAILED


def test_district_sync_retries_when_clever_is_down_and_lands_once_it_answers(
    worker_world: CeleryWorld, retry_delays: list[int]
) -> None:
    world = worker_world
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    section = world.section(teacher, world.students(2))
    world.manual_sync(teacher)
    world.enrol(section, new_kid := world.students(1)[0])
    CleverDownFor(world, failures=1)

    summary = world.app.tasks[SYNC_DISTRICT_TASK].apply((DISTRICT,)).get()

    assert retry_delays == [60]
    assert summary["error"] is None
    assert new_kid.id in world.roster(section)


def test_premium_refusals_are_not_retried(
    worker_world: CeleryWorld, retry_delays: list[int]
) -> None:
    world = worker_world
    teacher = world.teacher()
    world.section(teacher, world.students(2))

    summary = world.app.tasks[SYNC_TEACHER_TASK].apply((teacher.id,)).get()

    assert summary == {"outcome": "PremiumRequired"}
    assert retry_delays == []
