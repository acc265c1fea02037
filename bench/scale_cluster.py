"""The production shape on one machine, for the scale benches: a throw-away PostgreSQL database,
an empty database of the loopback Redis (broker and Clever budget), the sandbox serving many
districts, and `rostersync worker` / `rostersync serve` processes, each in a process group of
its own so that it and its children are stopped together.

Workers run as ``python -m bench.scale_worker worker ...``: the `rostersync` command itself,
with a counter of SQL statements per task added (``bench/scale_worker.py``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import redis
from cryptography.fernet import Fernet

from bench import ROOT, python_path
from bench.database import BenchDatabase, new_postgres_database
from bench.sandbox import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SandboxProcess, start_sandbox

REDIS_SERVER = os.environ.get("ROSTERSYNC_BENCH_REDIS_SERVER", "redis://127.0.0.1:6379")
CLAIM_KEY = "rostersync-bench:claimed"
STATEMENTS_KEY = "rostersync-bench:statements"
STATEMENTS_REDIS = "RSBENCH_STATEMENTS_REDIS"  # where bench.scale_worker counts statements
PHASES = "RSBENCH_PHASES"  # set: bench.phase_probe times each task's phases in the workers
STOP_SECONDS = 20.0


def claim_empty_redis_database() -> str:
    """An empty Redis database for this run alone (the tests use 13), claimed with a marker key
    so that two benches started together never share a broker."""
    for number in (15, 14, 12, 11, 10, 9, 8):
        url = f"{REDIS_SERVER}/{number}"
        client = redis.Redis.from_url(url)
        try:
            if client.dbsize() == 0 and client.set(CLAIM_KEY, str(os.getpid()), nx=True):
                return url
        finally:
            client.close()
    raise RuntimeError(f"no empty Redis database among 8-15 on {REDIS_SERVER}")


def release_redis_database(url: str) -> None:
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


class Process:
    """A command in a process group of its own, its output in a log file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def pids(self) -> list[int]:
        """The process and its descendants (a worker's pool children, uvicorn's workers)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with suppress(OSError):
                    stat = (entry / "stat").read_text()
                    parent = int(stat.rsplit(")", 1)[1].split()[1])
                    children.setdefault(parent, []).append(int(entry.name))
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return sorted(found)

    def stop(self) -> None:
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=STOP_SECONDS)
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@dataclass
class Cluster:
    database: BenchDatabase
    sandbox: SandboxProcess
    redis_url: str
    log_dir: Path
    env: dict[str, str]
    processes: list[Process] = field(default_factory=list)

    def start(self, name: str, *args: str, env: dict[str, str] | None = None) -> Process:
        """``python -m bench.scale_worker ARGS``: a `rostersync` command with this cluster's
        settings (``env`` adds or overrides some)."""
        argv = [sys.executable, "-m", "bench.scale_worker", *args]
        process = Process(name, argv, {**self.env, **(env or {})}, self.log_dir)
        self.processes.append(process)
        return process

    def start_worker(
        self, name: str, concurrency: int, env: dict[str, str] | None = None
    ) -> Process:
        worker = self.start(name, "worker", "--concurrency", str(concurrency), env=env)
        wait_until(lambda: " ready." in worker.log(), 60, worker.log)
        return worker

    def start_web(self, port: int, workers: int = 1) -> Process:
        web = self.start(f"web-{port}", "serve", "--port", str(port), "--workers", str(workers))
        url = f"http://127.0.0.1:{port}/healthz"

        def up() -> bool:
            try:
                return httpx.get(url, timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(up, 60, web.log)
        return web

    def statements(self) -> dict[str, int]:
        """SQL statements the workers' tasks sent, per task name (and ``NAME:tasks``)."""
        client = redis.Redis.from_url(self.redis_url, decode_responses=True)
        counts = {k: int(v) for k, v in client.hgetall(STATEMENTS_KEY).items()}  # type: ignore[union-attr]
        client.close()
        return counts

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()
        self.sandbox.stop()
        self.database.drop()
        release_redis_database(self.redis_url)


def start_cluster(districts: int, students: int, **settings: str) -> Cluster:
    """The sandbox (``districts`` of ``students`` each), a migrated database and a broker;
    ``settings`` are extra ROSTERSYNC_ variables (without the prefix, upper case)."""
    redis_url = claim_empty_redis_database()
    sandbox = start_sandbox(students, districts=districts)
    database = new_postgres_database()
    env = {
        **os.environ,
        "PYTHONPATH": python_path(),
        "ROSTERSYNC_DATABASE_URL": database.url,
        "ROSTERSYNC_CELERY_BROKER_URL": redis_url,
        "ROSTERSYNC_CLEVER_API_URL": sandbox.url,
        "ROSTERSYNC_CLEVER_OAUTH_URL": sandbox.url,
        "ROSTERSYNC_CLEVER_CLIENT_ID": SANDBOX_CLIENT_ID,
        "ROSTERSYNC_CLEVER_CLIENT_SECRET": SANDBOX_CLIENT_SECRET,
        "ROSTERSYNC_SECRET_KEY": Fernet.generate_key().decode(),
        "ROSTERSYNC_TOKEN_KEY": Fernet.generate_key().decode(),
        "ROSTERSYNC_ENV": "development",
        STATEMENTS_REDIS: redis_url,
        **{f"ROSTERSYNC_{name}": value for name, value in settings.items()},
    }
    log_dir = Path(tempfile.mkdtemp(prefix="rostersync-scale-"))
    return Cluster(database, sandbox, redis_url, log_dir, env)


def settings_of(cluster: Cluster) -> Any:
    """The cluster's Settings, for the bench's own use of the product (setup, reads)."""
    from adapters.settings import Settings

    prefix = "ROSTERSYNC_"
    names = {
        k[len(prefix) :].lower(): v
        for k, v in cluster.env.items()
        if k.startswith(prefix) and k[len(prefix) :].lower() in Settings.model_fields
    }
    return Settings.model_validate(names)


def wait_until(condition: Callable[[], object], timeout: float, explain: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"gave up after {timeout:.0f} s: {explain()[-3000:]}")
        time.sleep(0.1)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"
