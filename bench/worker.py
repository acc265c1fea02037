"""The bench's sync worker: a process of its own that runs one district job after another, as
a Celery worker does. The first job (the cold sync) runs in a fresh interpreter; every job's
peak RSS is its own (Linux's VmHWM, reset before each job).

Run as ``python -m bench.worker``: one JSON job per line on stdin, one JSON result
per line on stdout.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import IO, Any

from cryptography.fernet import Fernet

from adapters.settings import Settings
from bench import python_path
from bench.sandbox import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET


def bench_settings(database_url: str, sandbox_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        clever_api_url=sandbox_url,
        clever_oauth_url=sandbox_url,
        clever_client_id=SANDBOX_CLIENT_ID,
        clever_client_secret=SANDBOX_CLIENT_SECRET,
        celery_broker_url=None,
        secret_key="rostersync-bench-secret-key",
        token_key=Fernet.generate_key().decode(),
        env="development",
        database_statement_timeout_ms=0,
    )


class SyncWorker:
    """The worker process, started when made; ``close`` stops it."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": python_path()},
            text=True,
        )

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        """``job`` in the worker; what it answered."""
        stdin, stdout = _pipes(self.process)
        stdin.write(json.dumps(job) + "\n")
        stdin.flush()
        for line in stdout:
            if line.startswith(RESULT):
                result: dict[str, Any] = json.loads(line[len(RESULT) :])
                return result
        code = self.process.wait()
        raise RuntimeError(f"the bench's sync worker stopped (exit status {code})")

    def close(self) -> None:
        stdin, _ = _pipes(self.process)
        stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _pipes(process: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    assert process.stdin is not None and process.stdout is not None
    return process.stdin, process.stdout


def peak_rss_mib() -> float:
    """This process's peak resident set. Linux's VmHWM belongs to the process image, whereas
    getrusage's ru_maxrss survives exec and would report the parent's peak at fork time."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class _Built:
    services: Any
    engine: Any
    rows: Counter[str] | None  # SQLite: rows written, counted by the worker


_BUILT: dict[tuple[str, str], _Built] = {}


def _built_for(job: dict[str, Any]) -> _Built:
    """The services for the job's database and sandbox, built on their first job as a Celery
    worker builds its own, start-up objects settled alike."""
    key = (job["database_url"], job["sandbox_url"])
    if key not in _BUILT:
        import bootstrap
        from adapters.celery.services import settle_start_up_objects

        services = bootstrap.build(bench_settings(*key))
        engine = services.extras["engine"]
        rows = count_sqlite_rows(engine) if engine.dialect.name == "sqlite" else None
        settle_start_up_objects()
        _BUILT[key] = _Built(services, engine, rows)
    return _BUILT[key]


def sync_district(job: dict[str, Any]) -> dict[str, Any]:
    from application.sync_district import SyncDistrictCommand
    from domain.sync_run import SyncTrigger

    built = _built_for(job)
    services, engine = built.services, built.engine
    rows_before = Counter(built.rows) if built.rows is not None else None
    services.directory.connected_district_ids()  # the token list, outside the timed part
    warm_pool(engine)
    incremental = getattr(services.sync_district, "incremental", None)
    if job["full"] and incremental is not None:
        incremental.cursors.forget(job["district_id"])  # no saved event cursor: a full sync
    reset_peak_rss()
    before = peak_rss_mib()
    started = time.perf_counter()
    result = services.sync_district(SyncDistrictCommand(job["district_id"], SyncTrigger.SCHEDULED))
    seconds = time.perf_counter() - started
    statuses = Counter(run.status.value for run in result.runs)
    flush_row_counts(engine)
    rows = built.rows - rows_before if built.rows is not None and rows_before is not None else None
    return {
        "seconds": seconds,
        "error": result.error,
        "teachers": len(result.teachers),
        "statuses": dict(statuses),
        "rss_before_mib": before,
        "peak_rss_mib": peak_rss_mib(),
        "rows": dict(rows) if rows is not None else None,
        "events_wired": incremental is not None,
    }


FORCED_FLUSH_SINCE = (15,)  # pg_stat_force_next_flush()


def flush_row_counts(engine: Any) -> None:
    """PostgreSQL adds a connection's row counts to the statistics the bench reads when the
    connection is next idle, at most once a second unless asked: each pooled connection asks,
    so the job's counts are there when its answer is, and the pool stays warm for the next
    job, as a worker's does. Before PostgreSQL 15 a connection's counts are sent when it
    closes, so the pool is closed instead (``postgres_rows_written`` then waits for it)."""
    from sqlalchemy import text

    if engine.dialect.name != "postgresql":
        return
    if engine.dialect.server_version_info < FORCED_FLUSH_SINCE:
        engine.dispose()
        return
    pooled = [engine.connect() for _ in range(engine.pool.checkedin())]
    for conn in pooled:
        conn.execute(text("SELECT pg_stat_force_next_flush()"))
        conn.commit()
        conn.close()


def reset_peak_rss() -> None:
    """Linux: the peak (VmHWM) starts again from the current RSS, so a job's peak is its own."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass  # elsewhere the peak is the process's


# The district lock's connection, the teacher locks' and the unit of work's are open at once.
CONNECTIONS_A_DISTRICT_JOB_HOLDS = 3


def warm_pool(engine: Any) -> None:
    """Open the connections a district job holds at once before its timer starts, for the full
    and the events job alike: a long-lived worker finds its pool warm, so connecting (about
    10 ms on Postgres) is no part of what a sync costs."""
    opened = [engine.connect() for _ in range(CONNECTIONS_A_DISTRICT_JOB_HOLDS)]
    for conn in opened:
        conn.close()


def count_sqlite_rows(engine: Any) -> Counter[str]:
    """Rows each roster statement changed (sqlite3's total_changes). A statement with RETURNING
    writes as its rows are read, so its count is taken when the connection's next statement,
    commit or rollback comes."""
    from sqlalchemy import event

    from adapters.sqlalchemy.tables import ROSTER_TABLES

    written: Counter[str] = Counter()

    def settle(conn: Any, *_: Any) -> None:
        pending = conn.info.pop("rows_pending", None)
        if pending is not None:
            table, before = pending
            written[table] += conn.connection.dbapi_connection.total_changes - before

    def before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        settle(conn)
        words = [w.strip('"') for w in statement.split(None, 3)[:3]]
        table = next((w for w in words if w in ROSTER_TABLES), None)
        if table is not None and words[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            conn.info["rows_pending"] = (table, conn.connection.dbapi_connection.total_changes)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "commit", settle)
    event.listen(engine, "rollback", settle)
    return written


JOBS = {"sync_district": sync_district}


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    return JOBS[job["task"]](job)


RESULT = "bench-result "  # marks the answer among anything else written to stdout


def main() -> None:
    for line in sys.stdin:
        result = run_job(json.loads(line))
        sys.stdout.write(RESULT + json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
