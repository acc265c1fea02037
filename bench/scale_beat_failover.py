"""Beat failover, measured: two beat processes with the production lock (30 s, renewed every
10 s) on a loopback Redis; the daily sync is due a minute from now. Once the active beat has
sent it, the active beat is killed (SIGKILL); the script reports how long the standby took to
take over and how many daily syncs were queued (the target: exactly one).

    .venv/bin/python -m bench.scale_beat_failover            # about 2 minutes
    .venv/bin/python -m bench.scale_beat_failover --beat     # (one beat; used by the above)

Redis is ROSTERSYNC_BENCH_REDIS_URL (default redis://127.0.0.1:6379/13); every key the run
makes carries a prefix of its own and is deleted at the end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import redis

REDIS_URL = os.environ.get("ROSTERSYNC_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
PREFIX_VARIABLE = "ROSTERSYNC_BENCH_KEY_PREFIX"
ACQUIRED = "beat: Acquired lock"
SENT_DAILY = "Sending due task rostersync-daily-sync"
DAILY_TASK = "rostersync.daily_sync"


def run_one_beat() -> int:
    """A `rostersync beat` whose Redis keys carry the run's prefix."""
    from adapters.celery import make_celery, run_beat
    from adapters.settings import Settings

    prefix = os.environ[PREFIX_VARIABLE]
    app = make_celery(Settings())
    options = dict(app.conf.broker_transport_options)
    app.conf.broker_transport_options = {**options, "global_keyprefix": prefix}
    app.conf.redbeat_key_prefix = f"{prefix}beat:"
    return run_beat(app, loglevel="INFO")


class Beat:
    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        with log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bench.scale_beat_failover", "--beat"],
                cwd=Path(__file__).resolve().parents[1],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def wait_for(beat: Beat, text: str, timeout: float) -> float:
    started = time.monotonic()
    while text not in beat.log():
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"no {text!r} within {timeout:.0f} s:\n{beat.log()[-2000:]}")
        time.sleep(0.1)
    return time.monotonic()


def daily_messages(client: redis.Redis, prefix: str) -> int:
    queued = client.lrange(f"{prefix}sync", 0, -1)
    return sum(json.loads(raw)["headers"]["task"] == DAILY_TASK for raw in queued)  # type: ignore[union-attr]


def measure() -> None:
    prefix = f"rostersync-bench-{uuid.uuid4().hex[:8]}:"
    due = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    env = {
        **os.environ,
        PREFIX_VARIABLE: prefix,
        "ROSTERSYNC_CELERY_BROKER_URL": REDIS_URL,
        "ROSTERSYNC_DAILY_SYNC_HOUR": str(due.hour),
        "ROSTERSYNC_DAILY_SYNC_MINUTE": str(due.minute),
    }
    client = redis.Redis.from_url(REDIS_URL)
    with TemporaryDirectory() as logs:
        active = Beat(env, Path(logs) / "active.log")
        standby: Beat | None = None
        try:
            wait_for(active, ACQUIRED, 30)
            standby = Beat(env, Path(logs) / "standby.log")
            wait_for(active, SENT_DAILY, 120)
            time.sleep(1)
            killed = time.monotonic()
            active.kill()
            took_over = wait_for(standby, ACQUIRED, 120)
            time.sleep(25)  # two more of the standby's loops: would it send the daily again?
            sends = standby.log().count(SENT_DAILY)
            queued = daily_messages(client, prefix)
        finally:
            active.kill()
            if standby is not None:
                standby.kill()
            for key in client.scan_iter(match=f"{prefix}*"):
                client.delete(key)
            client.close()
    print("| measure | result | target |")
    print("| --- | --- | --- |")
    print(
        f"| SIGKILL of the active beat -> standby holds the lock | {took_over - killed:.1f} s | < 60 s |"
    )
    print(f"| daily syncs queued (the standby sent {sends} more) | {queued} | exactly 1 |")


if __name__ == "__main__":
    if "--beat" in sys.argv:
        sys.exit(run_one_beat())
    measure()
