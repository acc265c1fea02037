"""Runs opened and finished in batches, as the district job does for a batch of teachers."""

from __future__ import annotations

from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from tests.factories import DISTRICT
from tests.persistence.backends import Backend
from tests.persistence.rosters import AT


def _running(teacher_id: str) -> SyncRun:
    return SyncRun(None, teacher_id, DISTRICT, SyncTrigger.EVENTS, SyncStatus.RUNNING, AT)


def test_runs_are_added_at_once_except_for_a_teacher_with_one_waiting(backend: Backend) -> None:
    with backend.uow() as uow:
        waiting = uow.sync_runs.add(
            SyncRun(None, "t2", DISTRICT, SyncTrigger.MANUAL, SyncStatus.QUEUED, AT)
        )
        uow.commit()

    with backend.uow() as uow:
        added = uow.sync_runs.add_many([_running("t1"), _running("t2"), _running("t3")])
        uow.commit()

    assert [run is None for run in added] == [False, True, False]
    with backend.uow() as uow:
        assert uow.sync_runs.active_for_teacher("t2") == waiting
        for run in (added[0], added[2]):
            assert run is not None and uow.sync_runs.get(run.id or 0) == run


def test_runs_are_finished_at_once(backend: Backend) -> None:
    with backend.uow() as uow:
        started = [r for r in uow.sync_runs.add_many([_running("t1"), _running("t2")]) if r]
        uow.commit()
    finished = [run.skip("nothing to do", AT) for run in started]

    with backend.uow() as uow:
        uow.sync_runs.update_many(finished)
        uow.commit()

    with backend.uow() as uow:
        assert [uow.sync_runs.get(run.id or 0) for run in finished] == finished
        assert uow.sync_runs.active_for_teacher("t1") is None
