"""The Celery app, configured from Settings: a Redis broker, or eager in process when none is set."""

from __future__ import annotations

from celery import Celery

from adapters.celery.names import (
    DAILY_SYNC_TASK,
    RETENTION_TASK,
    SYNC_DISTRICT_TASK,
    SYNC_QUEUE,
    route_teacher_sync,
)
from adapters.celery.policy import DeliveryPolicy
from adapters.celery.schedule import beat_schedule
from adapters.celery.services import ServicesHolder, ServicesProvider
from adapters.celery.standby import standby_beat_conf
from adapters.celery.tasks import register_tasks
from adapters.settings import Settings


class RostersyncCelery(Celery):
    """A Celery app that knows where its tasks find their use cases."""

    services: ServicesHolder
    policy: DeliveryPolicy


def make_celery(settings: Settings, policy: DeliveryPolicy | None = None) -> RostersyncCelery:
    policy = policy or DeliveryPolicy.for_settings(settings)
    eager = settings.celery_broker_url is None
    app = RostersyncCelery("rostersync", set_as_current=False)
    app.conf.update(
        broker_url=settings.celery_broker_url or "memory://",
        broker_transport_options=policy.broker_transport_options(),
        broker_connection_retry_on_startup=True,
        task_always_eager=eager,
        task_eager_propagates=eager,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_default_queue=SYNC_QUEUE,
        task_routes=(
            route_teacher_sync,
            {
                name: {"queue": SYNC_QUEUE}
                for name in (SYNC_DISTRICT_TASK, DAILY_SYNC_TASK, RETENTION_TASK)
            },
        ),
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_time_limit=policy.time_limit,
        task_soft_time_limit=policy.soft_time_limit,
        worker_prefetch_multiplier=1,
        # The allocator keeps what a large district's sync freed (docs/benchmarks.md): a pool
        # process that went past the bound is replaced once its task ends (KiB; None: never).
        worker_max_memory_per_child=settings.worker_max_memory_mib * 1024 or None,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        timezone="UTC",
        enable_utc=True,
        beat_schedule=beat_schedule(settings),
        **standby_beat_conf(settings.celery_broker_url),
    )
    app.services = ServicesHolder()
    app.policy = policy
    register_tasks(app, app.services, policy, settings.daily_sync_window_minutes)
    return app


def install(app: RostersyncCelery, services_provider: ServicesProvider) -> None:
    """Tell the tasks how to build their use cases; called once per process, lazily."""
    app.services.install(services_provider)
