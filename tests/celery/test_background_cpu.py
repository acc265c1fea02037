"""Background syncs run as batch work on Linux, so a teacher's sync beside them gets the CPU
at once when it wakes; the thread is back to normal for the next task."""

from __future__ import annotations

import os
from typing import Any

import pytest

from adapters.celery import install, make_celery
from adapters.celery.names import SYNC_DISTRICT_TASK
from adapters.celery.tasks import clever_priority_for
from application.sync_district import DistrictSyncResult, SyncDistrictCommand
from domain.sync_run import SyncTrigger
from tests.celery.conftest import make_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "SCHED_BATCH"), reason="Linux scheduling only")


def policy() -> int:
    return os.sched_getscheduler(0)


@pytest.mark.parametrize(
    ("trigger", "batch"),
    [
        (SyncTrigger.MANUAL, False),
        (SyncTrigger.APPROVAL, False),
        (SyncTrigger.SCHEDULED, True),
        (SyncTrigger.EVENTS, True),
    ],
)
def test_only_work_nobody_waits_on_runs_as_batch(trigger: SyncTrigger, batch: bool) -> None:
    before = policy()
    with clever_priority_for(trigger):
        assert policy() == (os.SCHED_BATCH if batch else before)
    assert policy() == before


class RecordingServices:
    def __init__(self) -> None:
        self.policies: list[int] = []

    def sync_district(self, command: SyncDistrictCommand) -> DistrictSyncResult:
        self.policies.append(policy())
        return DistrictSyncResult(command.district_id)

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the district task used {name}")


def test_the_district_job_runs_as_batch_and_hands_the_thread_back() -> None:
    app = make_celery(make_settings())
    before = policy()
    services = RecordingServices()
    install(app, lambda: services)  # type: ignore[arg-type, return-value]

    app.tasks[SYNC_DISTRICT_TASK].apply_async(("d-1",))

    assert services.policies == [os.SCHED_BATCH]
    assert policy() == before
