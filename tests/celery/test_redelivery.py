"""A district job handed out again after its worker died converges to a clean run's state."""

from __future__ import annotations

import pytest

from adapters.celery.names import SYNC_DISTRICT_TASK
from adapters.memory.unit_of_work import FakeUnitOfWork
from application.sync_district import SyncDistrictCommand
from domain.changeset import SyncCounts
from domain.licensing import LicenseScope
from tests.celery.conftest import CeleryWorld
from tests.factories import DISTRICT


class WorkerKilled(BaseException):
    """Stands in for SIGKILL: nothing after it runs, no handler catches it."""


def test_a_district_job_redelivered_after_a_crash_finishes_every_teacher(
    world: CeleryWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teachers = [world.teacher() for _ in range(3)]
    sections = [world.section(t, world.students(2)) for t in teachers]
    for teacher in teachers:
        world.manual_sync(teacher)
    for section in sections:
        world.enrol(section, world.students(1)[0])
    commit_for_real = FakeUnitOfWork.commit
    commits: list[int] = []

    def dies_at_second_commit(uow: FakeUnitOfWork) -> None:
        commits.append(1)
        if len(commits) == 2:  # runs were opened; their changes never land
            raise WorkerKilled
        commit_for_real(uow)

    monkeypatch.setattr(FakeUnitOfWork, "commit", dies_at_second_commit)
    with pytest.raises(WorkerKilled):
        world.app.tasks[SYNC_DISTRICT_TASK].apply((DISTRICT,))
    monkeypatch.setattr(FakeUnitOfWork, "commit", commit_for_real)
    left_running = [r for t in teachers for r in world.runs_of(t) if not r.status.finished]
    assert left_running, "the crash should leave a run behind"

    redelivered = world.app.tasks[SYNC_DISTRICT_TASK].apply((DISTRICT,)).get()

    assert redelivered["runs"] == 3
    for section in sections:
        assert world.roster(section) == sorted(world.clever.sections[section.id].student_ids)
    for teacher in teachers:
        assert all(run.status.finished for run in world.runs_of(teacher))
    nothing_left = world.services.sync_district(SyncDistrictCommand(DISTRICT))
    assert [run.counts for run in nothing_left.runs] == [SyncCounts()] * 3
