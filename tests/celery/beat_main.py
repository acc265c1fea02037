"""`python -m tests.celery.beat_main`: a real `rostersync beat`, wired from ROSTERSYNC_ variables,
with its Redis keys under the test's own prefix and a short lock, so failover takes seconds."""

from __future__ import annotations

import os
import sys

from adapters.celery import make_celery, run_beat
from adapters.settings import Settings
from tests.celery.live import Broker

BROKER_KEY_PREFIX = "ROSTERSYNC_TEST_BROKER_KEY_PREFIX"
LOCK_SECONDS = 4
LOOP_SECONDS = 1


def main() -> int:
    settings = Settings()
    app = make_celery(settings)
    prefix = os.environ[BROKER_KEY_PREFIX]
    Broker(settings.celery_broker_url or "", prefix).isolate(app)
    app.conf.update(
        redbeat_key_prefix=f"{prefix}beat:",
        redbeat_lock_timeout=LOCK_SECONDS,
        beat_max_loop_interval=LOOP_SECONDS,
    )
    return run_beat(app, loglevel="INFO")


if __name__ == "__main__":
    sys.exit(main())
