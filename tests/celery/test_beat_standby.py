"""Two `rostersync beat` processes: one schedules, the other takes over when it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
import redis

from adapters.celery import make_celery
from adapters.celery.standby import BEAT_LOCK_SECONDS, BEAT_LOOP_SECONDS, REDBEAT_SCHEDULER
from tests.celery.beat_main import BROKER_KEY_PREFIX
from tests.celery.conftest import make_settings
from tests.celery.live import REDIS_URL, REPO, Broker, isolated_broker, wait_until

ACQUIRED = "beat: Acquired lock"
STARTED = "beat: Starting..."


class BeatProcess:
    def __init__(self, broker: Broker, log_dir: Path) -> None:
        self.log_path = log_dir / f"beat-{uuid.uuid4().hex[:8]}.log"
        env = {
            **os.environ,
            "ROSTERSYNC_CELERY_BROKER_URL": broker.url,
            BROKER_KEY_PREFIX: broker.key_prefix,
            "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
        }
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.celery.beat_main"],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def describe(self) -> str:
        return f"beat (exit {self.process.poll()}):\n{self.log()[-3000:]}"

    def kill(self) -> None:
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def broker() -> Iterator[Broker]:
    with isolated_broker() as isolated:
        yield isolated


def test_with_redis_the_beat_keeps_its_schedule_and_a_lock_in_redis() -> None:
    conf = make_celery(make_settings(celery_broker_url=REDIS_URL)).conf

    assert conf.beat_scheduler == REDBEAT_SCHEDULER
    assert conf.redbeat_redis_url == REDIS_URL
    # A dead beat's lock lapses, and a standby asks again, well inside a minute.
    assert conf.redbeat_lock_timeout + conf.beat_max_loop_interval < 60
    assert (BEAT_LOCK_SECONDS, BEAT_LOOP_SECONDS) == (30, 10)


def test_without_redis_the_beat_keeps_celerys_own_scheduler() -> None:
    conf = make_celery(make_settings(celery_broker_url="amqp://rabbit//")).conf
    assert conf.beat_scheduler != REDBEAT_SCHEDULER


@pytest.mark.redis
@pytest.mark.slow
def test_the_standby_beat_takes_over_when_the_active_one_dies(
    broker: Broker, tmp_path: Path
) -> None:
    active = BeatProcess(broker, tmp_path)
    standby: BeatProcess | None = None
    try:
        wait_until(lambda: ACQUIRED in active.log(), 30, active.describe)
        standby = BeatProcess(broker, tmp_path)
        wait_until(lambda: STARTED in standby.log(), 30, standby.describe)
        lock_key = f"{broker.key_prefix}beat::lock"
        client = redis.Redis.from_url(REDIS_URL)
        holder = client.get(lock_key)
        time.sleep(3)  # the standby asks for the lock every second meanwhile

        assert ACQUIRED not in standby.log()
        assert client.get(lock_key) == holder is not None

        active.kill()
        wait_until(lambda: ACQUIRED in standby.log(), 60, standby.describe)
        assert client.get(lock_key) not in (None, holder)
        client.close()
    finally:
        active.kill()
        if standby is not None:
            standby.kill()
