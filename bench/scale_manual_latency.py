"""A teacher's "Sync with Clever" while the district job spends the same token's budget: the
latency of manual syncs on an idle token, then while another process reads the whole district
over and over as background work (small pages, so it runs into its share of the 1,200
requests a minute). Both processes count their requests in one Redis budget.

    .venv/bin/python -m bench.scale_manual_latency     # about 3 minutes

Redis is ROSTERSYNC_BENCH_REDIS_URL (default redis://127.0.0.1:6379/13); SQLite, the sandbox
(2,000 students) in a process of its own.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from dataclasses import replace
from typing import Any

import redis

REDIS_URL = os.environ.get("ROSTERSYNC_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
STUDENTS = 2000
SYNCS = 15
BUSY_SECONDS = 75
BACKGROUND_PAGE = 100


def settings_for(database_url: str, sandbox_url: str) -> Any:
    from bench.worker import bench_settings

    return bench_settings(database_url, sandbox_url).model_copy(
        update={"clever_budget_store": REDIS_URL}
    )


def district_job_at_its_limit(
    database_url: str, sandbox_url: str, district: str, until: float
) -> None:
    """Another process: the district read again and again, as background work."""
    import bootstrap
    from adapters.clever.budget import background_priority

    services = bootstrap.build(settings_for(database_url, sandbox_url))
    services.directory.api.page_size = BACKGROUND_PAGE  # type: ignore[attr-defined]
    with background_priority():
        while time.time() < until:
            services.directory.pull_district(district).close()


class BudgetWaits(list[float]):
    """The teacher's process: every wait its Clever client sleeps (budget, pause or retry)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        time.sleep(seconds)


def manual_syncs(services: Any, teachers: list[str], pause: float) -> list[float]:
    from application.results import SyncStarted
    from application.sync_teacher import SyncTeacherCommand

    seconds = []
    for n in range(SYNCS):
        started = time.perf_counter()
        outcome = services.sync_teacher(SyncTeacherCommand(teachers[n % len(teachers)]))
        seconds.append(time.perf_counter() - started)
        assert isinstance(outcome, SyncStarted) and outcome.run.status.value != "failed", outcome
        time.sleep(pause)
    return seconds


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def clear_budget(token: str) -> None:
    from adapters.clever.budget import budget_key

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"*{budget_key(token)}*"):
        client.delete(key)
    client.close()


def main() -> None:
    import bootstrap
    from application.premium_grants import GrantPremiumCommand
    from bench.database import new_sqlite_database
    from bench.fetch import fetch_district
    from bench.sandbox import start_sandbox
    from bench.teacher import pick_teachers
    from domain.licensing import LicenseScope

    sandbox = start_sandbox(STUDENTS)
    database = new_sqlite_database()
    clear_budget(sandbox.token)
    try:
        teachers, shape = pick_teachers(fetch_district(sandbox.url, sandbox.token), 5)
        services = bootstrap.build(settings_for(database.url, sandbox.url))
        services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, sandbox.district_id))
        services.directory.connected_district_ids()
        waits = BudgetWaits()
        http = services.directory.http  # type: ignore[attr-defined]
        http.retry = replace(http.retry, sleep=waits)
        manual_syncs(services, teachers, 0)  # every teacher's first sync, not measured
        idle = manual_syncs(services, teachers, 0.5)
        # A fresh minute for the busy run: the idle syncs' requests leave Clever's window
        # (the sandbox counts whole minutes) and the budget's.
        time.sleep(60 - time.time() % 60)
        clear_budget(sandbox.token)
        waits.clear()

        before = sum(sandbox.requests_served().values())
        first_minute: list[int] = []
        counter = threading.Timer(
            60, lambda: first_minute.append(sum(sandbox.requests_served().values()) - before)
        )
        started = time.time()
        counter.start()
        job = multiprocessing.get_context("spawn").Process(
            target=district_job_at_its_limit,
            args=(database.url, sandbox.url, sandbox.district_id, started + BUSY_SECONDS),
        )
        job.start()
        time.sleep(15)  # the job has spent its share of the minute by now
        busy = manual_syncs(services, teachers, 2.0)
        waited = sum(waits)
        job.join()
        counter.join()
        per_minute = first_minute[0]
        services.extras["engine"].dispose()
    finally:
        database.drop()
        clear_budget(sandbox.token)
        sandbox.stop()
    print(f"teachers of {shape}; {SYNCS} manual syncs each way")
    print("| measure | idle token | busy token | ratio (target <= 2x) |")
    print("| --- | --- | --- | --- |")
    print(
        f"| manual sync p95 | {p95(idle) * 1000:.0f} ms | {p95(busy) * 1000:.0f} ms | {p95(busy) / p95(idle):.2f}x |"
    )
    print(f"| Clever requests in the busy run's first 60 s | | {per_minute} | (limit 1,200) |")
    print(f"| the busy syncs' waits for Clever's budget, in all | | {waited * 1000:.0f} ms | |")


if __name__ == "__main__":
    main()
