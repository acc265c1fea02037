"""A measured sync in a fresh process: its wall time and peak RSS are the sync's alone.

Run as ``python -m adapters.cli.bench_worker`` with a JSON job on stdin; prints a JSON result.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from adapters.cli.bench_sandbox import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from adapters.settings import Settings


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


def run_in_child(job: dict[str, Any]) -> dict[str, Any]:
    """Run ``job`` in a new interpreter and return what it printed."""
    src = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli.bench_worker"],
        input=json.dumps(job).encode(),
        stdout=subprocess.PIPE,
        env=env,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return result


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


def sync_district(job: dict[str, Any]) -> dict[str, Any]:
    import bootstrap
    from application.sync_district import SyncDistrictCommand
    from domain.sync_run import SyncTrigger

    services = bootstrap.build(bench_settings(job["database_url"], job["sandbox_url"]))
    engine = services.extras["engine"]
    rows = count_sqlite_rows(engine) if engine.dialect.name == "sqlite" else None
    services.directory.connected_district_ids()  # the token list, outside the timed part
    warm_pool(engine)
    incremental = getattr(services.sync_district, "incremental", None)
    if job["full"] and incremental is not None:
        incremental.cursors.forget(job["district_id"])  # no saved event cursor: a full sync
    before = peak_rss_mib()
    started = time.perf_counter()
    result = services.sync_district(SyncDistrictCommand(job["district_id"], SyncTrigger.SCHEDULED))
    seconds = time.perf_counter() - started
    statuses = Counter(run.status.value for run in result.runs)
    engine.dispose()
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


def main() -> None:
    result = run_job(json.loads(sys.stdin.read()))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
