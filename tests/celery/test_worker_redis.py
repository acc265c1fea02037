"""A real worker process on the Redis broker, Postgres and the Clever sandbox over HTTP."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

import bootstrap
from adapters.celery.names import RETENTION_TASK, SYNC_DISTRICT_TASK, SYNC_TEACHER_TASK
from adapters.settings import Settings
from adapters.sqlalchemy.migrate import migrate
from application.request_sync import RequestSyncCommand
from application.results import SyncAlreadyRunning, SyncResult, SyncStarted
from application.sync_district import SyncDistrictCommand
from application.sync_teacher import SyncTeacherCommand
from clever_sandbox.server import RunningSandbox
from domain.sync_run import SyncStatus
from tests.celery.live import Broker, WorkerProcess, isolated_broker, wait_until
from tests.celery.sandbox_world import (
    as_environment,
    change_one_section_each,
    grant_district,
    primary_teachers,
    sections_of,
    service_settings,
    sign_in,
)
from tests.celery.wiring import close, production_services
from tests.celery.worker_main import BROKER_KEY_PREFIX, COMMIT_DELAY, QUEUES
from tests.persistence.databases import fresh_postgres_database

DISTRICT_JOB_SUCCEEDED = re.compile(r"Task rostersync\.sync_district\[[^\]]+\] succeeded")
pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.slow]

StartWorker = Callable[..., WorkerProcess]


@pytest.fixture
def broker() -> Iterator[Broker]:
    with isolated_broker() as broker:
        yield broker


@pytest.fixture
def settings(database_url: str, sandbox: RunningSandbox, broker: Broker) -> Settings:
    return service_settings(database_url, broker.url, sandbox.url, sandbox.sandbox)


@pytest.fixture
def service(settings: Settings, broker: Broker) -> Iterator[bootstrap.Services]:
    """The web process's side, as bootstrap builds it: it publishes, the worker runs."""
    services = production_services(settings)
    broker.isolate(services.extras["celery_app"])
    yield services
    close(services)


@pytest.fixture
def start_worker(settings: Settings, broker: Broker, tmp_path: Path) -> Iterator[StartWorker]:
    workers: list[WorkerProcess] = []

    def start(
        commit_delay: float = 0.0, max_memory_mib: int | None = None, queues: str = ""
    ) -> WorkerProcess:
        env = {
            **as_environment(settings),
            COMMIT_DELAY: str(commit_delay),
            BROKER_KEY_PREFIX: broker.key_prefix,
            QUEUES: queues,
        }
        if max_memory_mib is not None:
            env["ROSTERSYNC_WORKER_MAX_MEMORY_MIB"] = str(max_memory_mib)
        worker = WorkerProcess(env, tmp_path)
        workers.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()


def engine(services: bootstrap.Services) -> Engine:
    return services.extras["engine"]  # type: ignore[no-any-return]


def wait_for_run(service: bootstrap.Services, run_id: int, worker: WorkerProcess) -> SyncStatus:
    def finished() -> bool:
        run = service.reader.sync_run(run_id)
        return run is not None and run.status.finished

    wait_until(finished, 30, worker.describe)
    run = service.reader.sync_run(run_id)
    assert run is not None
    return run.status


def test_a_sync_request_is_run_by_the_worker_and_the_classes_appear(
    service: bootstrap.Services, sandbox: RunningSandbox, start_worker: StartWorker
) -> None:
    worker = start_worker()
    grant_district(service, sandbox.sandbox)
    teacher_id = sandbox.sandbox.sample_teacher()["id"]
    account_id = sign_in(service, sandbox.sandbox, teacher_id)

    result = service.request_sync(RequestSyncCommand(account_id))

    assert isinstance(result, SyncStarted), result
    assert result.run.id is not None
    assert wait_for_run(service, result.run.id, worker) is SyncStatus.SUCCEEDED
    classes = service.reader.classes_for_teachers([teacher_id], include_archived=False)
    expected = sections_of(sandbox.sandbox, teacher_id)
    assert {c.id for c in classes[teacher_id]} == set(expected)
    rosters = service.reader.students_for_classes(list(expected))
    assert {sid: sorted(s.id for s in views) for sid, views in rosters.items()} == expected


def test_ten_simultaneous_sync_presses_run_one_sync(
    service: bootstrap.Services, sandbox: RunningSandbox, start_worker: StartWorker
) -> None:
    worker = start_worker()
    grant_district(service, sandbox.sandbox)
    teacher_id = sandbox.sandbox.sample_teacher()["id"]
    account_id = sign_in(service, sandbox.sandbox, teacher_id)
    start_together = threading.Barrier(10)
    results: list[SyncResult] = []

    def press() -> None:
        start_together.wait()
        results.append(service.request_sync(RequestSyncCommand(account_id)))

    presses = [threading.Thread(target=press) for _ in range(10)]
    for thread in presses:
        thread.start()
    for thread in presses:
        thread.join(timeout=30)

    started = [r for r in results if isinstance(r, SyncStarted)]
    joined = [r for r in results if isinstance(r, SyncAlreadyRunning)]
    assert len(started) == 1 and len(joined) == 9, results
    run_id = started[0].run.id
    assert run_id is not None
    assert {r.run_id for r in joined} == {run_id}
    assert wait_for_run(service, run_id, worker) is SyncStatus.SUCCEEDED
    runs = service.reader.sync_runs_for_teacher(teacher_id, first=50)
    assert [(r.id, r.status) for r in runs] == [(run_id, SyncStatus.SUCCEEDED)]


def pool_processes(worker: WorkerProcess) -> set[int]:
    """The worker's pool processes, once it has its whole pool (two) again."""
    pid = worker.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found: set[int] = set()

    def whole() -> bool:
        found.clear()
        found.update(int(p) for p in children.read_text().split())
        return len(found) == 2

    wait_until(whole, 10, worker.describe)
    return set(found)


def test_a_pool_process_past_the_memory_bound_is_replaced_once_its_sync_ends(
    service: bootstrap.Services, sandbox: RunningSandbox, start_worker: StartWorker
) -> None:
    grant_district(service, sandbox.sandbox)
    teachers = primary_teachers(sandbox.sandbox, 3)
    accounts = [sign_in(service, sandbox.sandbox, t) for t in teachers]

    def sync(account_id: int, worker: WorkerProcess) -> SyncStatus:
        result = service.request_sync(RequestSyncCommand(account_id))
        assert isinstance(result, SyncStarted) and result.run.id is not None, result
        return wait_for_run(service, result.run.id, worker)

    roomy = start_worker()  # the default bound: a teacher's sync stays well under it
    kept = pool_processes(roomy)
    assert sync(accounts[0], roomy) is SyncStatus.SUCCEEDED
    assert pool_processes(roomy) == kept
    roomy.stop()

    tight = start_worker(max_memory_mib=1)  # every process is past it after any task
    before = pool_processes(tight)
    assert sync(accounts[1], tight) is SyncStatus.SUCCEEDED
    wait_until(lambda: pool_processes(tight) != before, 10, tight.describe)
    assert len(pool_processes(tight) & before) == 1  # the one that ran the sync was replaced
    assert sync(accounts[2], tight) is SyncStatus.SUCCEEDED


def roster_state(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Everything a sync writes except times and run ids, in a comparable order."""
    queries = {
        "classes": "SELECT section_id, clever_name, custom_name, subject, period, grade, "
        "owner_id, archived FROM classes ORDER BY 1",
        "class_teachers": "SELECT section_id, teacher_id FROM class_teachers ORDER BY 1, 2",
        "enrollments": "SELECT section_id, student_id, active, dropped_at IS NULL "
        "FROM enrollments ORDER BY 1, 2",
        "students": "SELECT clever_id, name, grade FROM students ORDER BY 1",
        "teachers": "SELECT clever_id, rostering_started FROM teachers ORDER BY 1",
        "history": "SELECT section_id, student_id, action FROM roster_history ORDER BY 1, 2, 3",
    }
    with engine.connect() as conn:
        return {
            name: [tuple(row) for row in conn.execute(text(sql))] for name, sql in queries.items()
        }


def scheduled_runs(engine: Engine) -> dict[str, int]:
    sql = "SELECT status, count(*) FROM sync_runs WHERE trigger = 'scheduled' GROUP BY status"
    with engine.connect() as conn:
        return {status: count for status, count in conn.execute(text(sql))}


def active_runs(engine: Engine) -> int:
    sql = "SELECT count(*) FROM sync_runs WHERE status IN ('queued', 'running')"
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def test_a_district_job_killed_mid_way_is_redelivered_and_ends_like_a_clean_run(
    service: bootstrap.Services,
    settings: Settings,
    sandbox: RunningSandbox,
    start_worker: StartWorker,
) -> None:
    teachers = primary_teachers(sandbox.sandbox, 4)
    with fresh_postgres_database() as clean_url:
        migrate(clean_url)
        clean = production_services(settings.model_copy(update={"database_url": clean_url}))
        try:
            for services in (service, clean):
                district_id = grant_district(services, sandbox.sandbox)
                for teacher_id in teachers:
                    services.sync_teacher(SyncTeacherCommand(teacher_id))
            change_one_section_each(sandbox.sandbox, teachers)
            clean.sync_district(SyncDistrictCommand(district_id))
            expected = roster_state(engine(clean))
        finally:
            close(clean)
    doomed = start_worker(commit_delay=0.5)

    service.extras["celery_app"].tasks[SYNC_DISTRICT_TASK].apply_async((district_id,))

    def caught_mid_way() -> bool:
        return scheduled_runs(engine(service)).get("running", 0) > 0

    wait_until(caught_mid_way, 20, doomed.describe)
    doomed.kill()
    at_kill = scheduled_runs(engine(service))
    assert at_kill.get("running", 0) > 0 and at_kill.get("succeeded", 0) < len(teachers), at_kill
    successor = start_worker()

    def district_job_done() -> bool:
        return DISTRICT_JOB_SUCCEEDED.search(successor.log()) is not None

    wait_until(district_job_done, 45, successor.describe)
    assert active_runs(engine(service)) == 0
    assert roster_state(engine(service)) == expected


RECEIVED = re.compile(r"Task (rostersync\.\w+)\[[^\]]+\] received")


def test_a_worker_takes_teachers_syncs_before_background_work_queued_ahead_of_them(
    service: bootstrap.Services, sandbox: RunningSandbox, start_worker: StartWorker
) -> None:
    grant_district(service, sandbox.sandbox)
    accounts = [sign_in(service, sandbox.sandbox, t) for t in primary_teachers(sandbox.sandbox, 2)]
    for _ in range(4):
        service.extras["celery_app"].tasks[RETENTION_TASK].apply_async()
    presses = [service.request_sync(RequestSyncCommand(account)) for account in accounts]

    worker = start_worker()

    run_ids = [p.run.id for p in presses if isinstance(p, SyncStarted) and p.run.id is not None]
    assert len(run_ids) == 2, presses
    for run_id in run_ids:
        assert wait_for_run(service, run_id, worker) is SyncStatus.SUCCEEDED
    wait_until(lambda: len(RECEIVED.findall(worker.log())) == 6, 30, worker.describe)
    assert RECEIVED.findall(worker.log())[:2] == [SYNC_TEACHER_TASK] * 2


def test_a_worker_for_teachers_syncs_only_leaves_background_work_queued(
    service: bootstrap.Services, sandbox: RunningSandbox, start_worker: StartWorker
) -> None:
    grant_district(service, sandbox.sandbox)
    account = sign_in(service, sandbox.sandbox, primary_teachers(sandbox.sandbox, 1)[0])
    service.extras["celery_app"].tasks[RETENTION_TASK].apply_async()
    press = service.request_sync(RequestSyncCommand(account))

    worker = start_worker(queues="sync-interactive")

    assert isinstance(press, SyncStarted) and press.run.id is not None, press
    assert wait_for_run(service, press.run.id, worker) is SyncStatus.SUCCEEDED
    background = start_worker(queues="sync")
    wait_until(
        lambda: RETENTION_TASK in RECEIVED.findall(background.log()), 30, background.describe
    )
    assert RECEIVED.findall(worker.log()) == [SYNC_TEACHER_TASK]
