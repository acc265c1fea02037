"""The daily job on the day a district rolls into a new school year, beside a normal day.

    .venv/bin/python bench/rollover.py [--students 50000]

One sandbox district (in this process, on loopback) and one throw-away PostgreSQL database:
every section owner is rostering and the district has Premium; the first daily job (a full
cold sync) and one events sync settle it. Then, each measured as the worker runs it
(``SyncDistrict`` built by ``bootstrap.build``):

* a normal day's full sync (the weekly reconcile: the saved event cursor is forgotten);
* the rollover day: the sandbox's scripted new school year (every section deleted and replaced
  by next year's, last year's terms ended, all as Clever events), then the daily job (events);
* the weekly full reconcile after the rollover (it must find nothing to do).

For each: wall time, roster rows written (PostgreSQL's per-table statistics, read once the
job's connections have closed), Clever requests (counted by the sandbox) and runs held.
"""

from __future__ import annotations

import argparse
import time
import uuid
from collections import Counter
from dataclasses import dataclass

from cryptography.fernet import Fernet
from sqlalchemy import bindparam, create_engine, text

import bootstrap
from adapters.settings import Settings
from adapters.sqlalchemy.migrate import migrate
from adapters.sqlalchemy.sync_cursors import SqlAlchemySyncCursorStore
from adapters.sqlalchemy.tables import ROSTER_TABLES
from application.premium_grants import GrantPremiumCommand
from application.sync_district import DistrictSyncResult, SyncDistrictCommand
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from domain.roster import Teacher
from domain.sync_run import SyncStatus

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


@dataclass(frozen=True)
class Measured:
    label: str
    seconds: float
    rows: int
    requests: int
    held: int
    runs: int
    how: str


def _settings(database_url: str, clever_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        clever_api_url=clever_url,
        clever_oauth_url=clever_url,
        clever_client_id="sandbox-client-id",
        clever_client_secret="sandbox-client-secret",
        celery_broker_url=None,
        secret_key="bench-rollover-secret",
        token_key=Fernet.generate_key().decode(),
        env="test",
    )


def _rows_written(url: str) -> int:
    """Inserts, updates and deletes of the roster tables so far (every writer has closed)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        found = conn.execute(
            text(
                "SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables "
                "WHERE relname IN :tables"
            ).bindparams(bindparam("tables", expanding=True)),
            {"tables": list(ROSTER_TABLES)},
        ).scalar()
    engine.dispose()
    return int(found or 0)


class Bench:
    def __init__(self, clever: RunningSandbox, url: str) -> None:
        self.clever = clever
        self.url = url
        self.district = clever.sandbox.districts[0]

    def job(self, label: str, *, full: bool) -> Measured:
        services = bootstrap.build(_settings(self.url, self.clever.url))
        try:
            if full:
                SqlAlchemySyncCursorStore(services.extras["engine"]).forget(self.district)
            before = _rows_written(self.url)
            self.clever.sandbox.requests.reset()
            started = time.perf_counter()
            result = services.sync_district(SyncDistrictCommand(self.district))
            seconds = time.perf_counter() - started
            requests = self.clever.sandbox.requests.total
        finally:
            services.extras["engine"].dispose()
        time.sleep(1.5)  # closed backends' statistics reach the server
        return _measured(label, seconds, _rows_written(self.url) - before, requests, result)

    def settle(self) -> None:
        services = bootstrap.build(_settings(self.url, self.clever.url))
        sandbox = self.clever.sandbox
        with services.uow() as uow:
            owners = {s["teacher"] for s in sandbox.sections() if isinstance(s.get("teacher"), str)}
            for record in sandbox.teachers():
                if record["id"] in owners:
                    name = f"{record['name']['first']} {record['name']['last']}"
                    uow.rosters.save_teacher(
                        Teacher(record["id"], self.district, name, rostering_started=True)
                    )
            uow.commit()
        services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, self.district))
        services.extras["engine"].dispose()


def _measured(
    label: str, seconds: float, rows: int, requests: int, result: DistrictSyncResult
) -> Measured:
    assert result.error is None, result.error
    held = sum(run.status is SyncStatus.HELD for run in result.runs)
    how = Counter(run.trigger.value for run in result.runs).most_common(1)
    return Measured(
        label, seconds, rows, requests, held, len(result.runs), how[0][0] if how else "-"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50_000)
    args = parser.parse_args()
    name = f"rostersync_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{SERVER}/{name}"
    try:
        migrate(url)
        generated = time.perf_counter()
        with serve_in_thread(Sandbox(seed=11, students=args.students)) as clever:
            print(f"sandbox: {args.students:,} students in {time.perf_counter() - generated:.0f} s")
            bench = Bench(clever, url)
            bench.settle()
            rows = [
                bench.job("first daily job (full cold sync)", full=True),
                bench.job("normal day: full sync", full=True),
            ]
            clever.sandbox.new_school_year()
            rows.append(bench.job("rollover day: daily job", full=False))
            rows.append(bench.job("weekly full reconcile after it", full=True))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    print("| job | sync | wall time | rows written | Clever requests | runs held |")
    print("| --- | --- | --- | --- | --- | --- |")
    for m in rows:
        print(
            f"| {m.label} | {m.how} ({m.runs:,} teachers) | {m.seconds:.1f} s | {m.rows:,} "
            f"| {m.requests:,} | {m.held} |"
        )


if __name__ == "__main__":
    main()
