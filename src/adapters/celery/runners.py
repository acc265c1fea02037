"""What `rostersync worker` and `rostersync beat` run."""

from __future__ import annotations

from collections.abc import Collection

from celery import Celery
from celery.signals import worker_process_init

from adapters.celery.app import RostersyncCelery
from adapters.celery.names import WORKER_QUEUES


class NoBrokerConfigured(RuntimeError):
    """Without a broker, tasks run inside the web process; there is no worker or beat to start."""


def run_worker(
    app: RostersyncCelery,
    *,
    concurrency: int = 2,
    loglevel: str = "INFO",
    hostname: str | None = None,
    queues: Collection[str] = (),
) -> int:
    """A prefork worker on the sync queues (``queues``, or all when none is named), teachers'
    syncs first: only prefork enforces the hard time limit, and a killed child does not take
    its siblings' syncs down with it. Returns the exit code."""
    _require_broker(app)
    unknown = sorted(set(queues) - set(WORKER_QUEUES))
    if unknown:
        raise ValueError(f"no sync queue {', '.join(unknown)}: {', '.join(WORKER_QUEUES)}")
    read = [q for q in WORKER_QUEUES if not queues or q in queues]
    # Each pool process builds its services as it starts, not on its first task.
    worker_process_init.connect(app.services.build_at_start)
    argv = [
        "worker",
        f"--loglevel={loglevel}",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        f"--queues={','.join(read)}",
    ]
    if hostname:
        argv.append(f"--hostname={hostname}")
    return app.start(argv) or 0


def run_beat(app: Celery, *, loglevel: str = "INFO", schedule_file: str | None = None) -> int:
    """The one beat process; schedule_file keeps the last run times between restarts."""
    _require_broker(app)
    argv = ["beat", f"--loglevel={loglevel}"]
    if schedule_file:
        argv.append(f"--schedule={schedule_file}")
    return app.start(argv) or 0


def _require_broker(app: Celery) -> None:
    if app.conf.task_always_eager:
        raise NoBrokerConfigured(
            "ROSTERSYNC_CELERY_BROKER_URL is not set: syncs run inside the web process, "
            "so there is no worker or beat to start (set it to e.g. redis://127.0.0.1:6379/0)"
        )
