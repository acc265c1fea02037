"""Real services for the worker tests: an isolated corner of Redis and worker processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from celery import Celery

REPO = Path(__file__).resolve().parents[2]
# A database number of its own; each test uses its own key prefix inside it.
REDIS_URL = os.environ.get("ROSTERSYNC_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
READY_TIMEOUT = 30.0


@dataclass(frozen=True)
class Broker:
    """A key prefix of its own in the test database: test runs that share the Redis server
    (several at once on one machine) never see each other's queues, workers or pub/sub."""

    url: str
    key_prefix: str

    def isolate(self, app: Celery) -> None:
        options = dict(app.conf.broker_transport_options)
        app.conf.broker_transport_options = {**options, "global_keyprefix": self.key_prefix}


@contextmanager
def isolated_broker() -> Iterator[Broker]:
    """Skip when Redis is unreachable unless CI requires services; delete our keys afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        reason = f"Redis unreachable at {REDIS_URL}: {exc}"
        if os.environ.get("ROSTERSYNC_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    broker = Broker(REDIS_URL, f"rostersync-test-{uuid.uuid4().hex[:12]}:")
    try:
        yield broker
    finally:
        for key in client.scan_iter(match=f"{broker.key_prefix}*"):
            client.delete(key)
        client.close()


class WorkerProcess:
    """`python -m tests.celery.worker_main` in its own process group (parent plus pool children)."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.name = f"sync-{uuid.uuid4().hex[:8]}@test"
        self.log_path = log_dir / f"{self.name}.log"
        full_env = {**os.environ, **env, "WORKER_NAME": self.name}
        full_env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.celery.worker_main"],
                cwd=REPO,
                env=full_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self) -> None:
        wait_until(lambda: f"{self.name} ready." in self.log(), READY_TIMEOUT, self.describe)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def describe(self) -> str:
        return f"worker {self.name} (exit {self.process.poll()}):\n{self.log()[-4000:]}"

    def kill(self) -> None:
        """SIGKILL to the worker and its pool children: no handler runs, nothing is acked."""
        self._signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """At the end of a test: whatever the worker was doing no longer matters."""
        if self.process.poll() is None:
            self.kill()
        self._signal_group(signal.SIGKILL)  # any pool child left behind

    def _signal_group(self, sig: signal.Signals) -> None:
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)


def wait_until(
    condition: Callable[[], object], timeout: float, explain: Callable[[], str] = str
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f}s waiting: {explain()}")
        time.sleep(0.05)
