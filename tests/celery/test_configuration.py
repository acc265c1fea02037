"""How the app is configured from Settings: delivery guarantees, queue, schedule."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from celery.signals import worker_process_init

from adapters.celery import (
    DeliveryPolicy,
    NoBrokerConfigured,
    beat_schedule,
    install,
    make_celery,
    run_beat,
    run_worker,
)
from adapters.celery.names import (
    DAILY_SYNC_TASK,
    RETENTION_TASK,
    SYNC_DISTRICT_TASK,
    SYNC_TEACHER_TASK,
)
from adapters.celery.schedule import DAILY_SYNC_ENTRY, RETENTION_ENTRY
from tests.celery.conftest import make_settings

REDIS = "redis://127.0.0.1:6379/0"
SYNC_TASKS = (SYNC_TEACHER_TASK, SYNC_DISTRICT_TASK, DAILY_SYNC_TASK)


def test_without_a_broker_tasks_run_in_process_and_raise_to_the_caller() -> None:
    app = make_celery(make_settings())

    assert app.conf.task_always_eager is True
    assert app.conf.task_eager_propagates is True


def test_with_a_broker_url_tasks_go_to_redis() -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS))

    assert app.conf.task_always_eager is False
    assert app.conf.broker_url == REDIS


@pytest.mark.parametrize("task_name", SYNC_TASKS)
def test_a_sync_is_acknowledged_only_after_it_ran_and_survives_a_lost_worker(
    task_name: str,
) -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS))
    task = app.tasks[task_name]
    visibility = app.conf.broker_transport_options["visibility_timeout"]

    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert task.soft_time_limit < task.time_limit < visibility
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.parametrize(
    ("task_name", "args", "queue"),
    [
        (SYNC_TEACHER_TASK, ("t-1", "manual", 7), "sync-interactive"),
        (SYNC_TEACHER_TASK, ("t-1", "approval", 7), "sync-interactive"),
        (SYNC_TEACHER_TASK, ("t-1", "scheduled", None), "sync"),
        (SYNC_TEACHER_TASK, ("t-1", "events", None), "sync"),
        (SYNC_DISTRICT_TASK, ("d-1",), "sync"),
        (DAILY_SYNC_TASK, (), "sync"),
        (RETENTION_TASK, (), "sync"),
    ],
)
def test_a_sync_a_teacher_waits_on_has_a_queue_of_its_own(
    task_name: str, args: tuple[object, ...], queue: str
) -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS))

    assert app.amqp.router.route({}, task_name, args=args, kwargs={})["queue"].name == queue


def test_a_worker_asks_for_teachers_syncs_before_background_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS))
    started: list[list[str]] = []
    monkeypatch.setattr(app, "start", lambda argv: started.append(argv) or 0)

    run_worker(app)

    assert "--queues=sync-interactive,sync" in started[0]
    assert app.conf.broker_transport_options["queue_order_strategy"] == "priority"


@pytest.mark.parametrize(
    ("queues", "read"),
    [
        (("sync-interactive",), "sync-interactive"),
        (("sync",), "sync"),
        (("sync", "sync-interactive"), "sync-interactive,sync"),
    ],
)
def test_a_worker_may_read_only_some_queues_teachers_syncs_still_first(
    monkeypatch: pytest.MonkeyPatch, queues: tuple[str, ...], read: str
) -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS))
    started: list[list[str]] = []
    monkeypatch.setattr(app, "start", lambda argv: started.append(argv) or 0)

    run_worker(app, queues=queues)

    assert f"--queues={read}" in started[0]


def test_a_worker_refuses_a_queue_nothing_is_sent_to() -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS))
    with pytest.raises(ValueError, match="no sync queue celery"):
        run_worker(app, queues=("celery",))


def test_spread_out_district_jobs_are_not_handed_out_twice_by_redis() -> None:
    settings = make_settings(celery_broker_url=REDIS, daily_sync_window_minutes=240)
    app = make_celery(settings)
    visibility = app.conf.broker_transport_options["visibility_timeout"]

    assert visibility > 240 * 60 + app.tasks[SYNC_DISTRICT_TASK].time_limit


def test_a_time_limit_reaching_the_visibility_timeout_is_refused() -> None:
    with pytest.raises(ValueError, match="visibility_timeout"):
        DeliveryPolicy(visibility_timeout=600, time_limit=600, soft_time_limit=500)


def test_retry_delays_double_up_to_a_ceiling() -> None:
    policy = DeliveryPolicy(retry_base_seconds=60, retry_max_seconds=900)

    assert [policy.retry_countdown(n) for n in range(6)] == [60, 120, 240, 480, 900, 900]


def test_beat_runs_the_daily_sync_once_every_24_hours_at_the_configured_time() -> None:
    settings = make_settings(daily_sync_hour=4, daily_sync_minute=30)
    schedule = beat_schedule(settings)

    assert [entry["task"] for entry in schedule.values()] == [DAILY_SYNC_TASK, RETENTION_TASK]
    crontab = schedule[DAILY_SYNC_ENTRY]["schedule"]
    runs, last = [], datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
    for _ in range(5):
        start, delta, _now = crontab.remaining_delta(last)
        last = start + delta
        runs.append(last)
    assert runs[0] == datetime(2026, 9, 2, 4, 30, tzinfo=UTC)
    assert all(b - a == timedelta(hours=24) for a, b in itertools.pairwise(runs))


def test_beat_applies_retention_daily_an_hour_before_the_sync() -> None:
    schedule = beat_schedule(make_settings(daily_sync_hour=0, daily_sync_minute=15))

    crontab = schedule[RETENTION_ENTRY]["schedule"]
    start, delta, _now = crontab.remaining_delta(datetime(2026, 9, 1, 12, 0, tzinfo=UTC))
    assert start + delta == datetime(2026, 9, 1, 23, 15, tzinfo=UTC)


def test_the_app_carries_the_beat_schedule() -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS, daily_sync_hour=2))

    entry = next(iter(app.conf.beat_schedule.values()))
    assert entry["task"] == DAILY_SYNC_TASK
    assert entry["schedule"].hour == {2}


@pytest.mark.parametrize("runner", [run_worker, run_beat])
def test_worker_and_beat_refuse_to_start_without_a_broker(runner: object) -> None:
    app = make_celery(make_settings())

    with pytest.raises(NoBrokerConfigured, match="ROSTERSYNC_CELERY_BROKER_URL"):
        runner(app)  # type: ignore[operator]


def test_each_pool_process_builds_its_services_as_it_starts_not_on_its_first_task(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_celery(make_settings(celery_broker_url=REDIS))
    built: list[object] = []
    install(app, lambda: built.append(object()) or built[-1])  # type: ignore[arg-type, func-returns-value]
    monkeypatch.setattr(app, "start", lambda argv: 0)
    run_worker(app)

    worker_process_init.send(sender=None)  # what Celery sends in each pool process it forks

    assert len(built) == 1
