"""`python -m tests.celery.worker_main`: a real Celery worker, wired from ROSTERSYNC_ variables.

Services come from bootstrap.build, as in `rostersync worker`; delivery is tightened so a lost
worker's task comes back within seconds, and the broker keys carry the test's own prefix.
"""

from __future__ import annotations

import os
import sys

from adapters.celery import DeliveryPolicy, install, make_celery, run_worker
from adapters.settings import Settings
from tests.celery.live import Broker
from tests.celery.wiring import production_services

TEST_POLICY = DeliveryPolicy(
    visibility_timeout=10,
    time_limit=8,
    soft_time_limit=7,
    max_retries=2,
    retry_base_seconds=1,
    retry_max_seconds=2,
    restore_sweep_seconds=1,
)
COMMIT_DELAY = "ROSTERSYNC_TEST_COMMIT_DELAY"
BROKER_KEY_PREFIX = "ROSTERSYNC_TEST_BROKER_KEY_PREFIX"
QUEUES = "ROSTERSYNC_TEST_WORKER_QUEUES"  # comma-separated; unset: every queue


def main() -> int:
    settings = Settings()
    app = make_celery(settings, TEST_POLICY)
    Broker(settings.celery_broker_url or "", os.environ[BROKER_KEY_PREFIX]).isolate(app)
    delay = float(os.environ.get(COMMIT_DELAY, "0"))
    install(app, lambda: production_services(settings, delay))
    queues = [q for q in os.environ.get(QUEUES, "").split(",") if q]
    hostname = os.environ.get("WORKER_NAME")
    return run_worker(app, concurrency=2, loglevel="INFO", hostname=hostname, queues=queues)


if __name__ == "__main__":
    sys.exit(main())
