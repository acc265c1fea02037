"""A teacher's "Sync with Clever" while the district job of the same token runs at Clever's
limit: the latency of manual syncs on an idle token, then while the district job runs again
and again (each a full sync), as a teacher sees it: the page's mutation sent to
`rostersync serve`, the sync run by a `rostersync worker`, the run polled until it has ended.

    .venv/bin/python -m bench.scale_manual_latency     # about 4 minutes
    RSBENCH_PHASES=1 .venv/bin/python -m bench.scale_manual_latency  # and where the time went

One worker process with two pool processes serves both (one runs the district job, the other
the teachers' syncs). Its Clever client reads lists in pages of 25, so a district job of 2,000
students makes 108 requests; eight of them spend the background share of the budget (900 of
Clever's 1,200 requests a minute), paced at 15 requests a second; the budget is in the broker's Redis, shared
by the web and worker processes. PostgreSQL, the sandbox in a process of its own.
"""

from __future__ import annotations

import asyncio
import os
import re
import threading
import time

import httpx
import redis
from sqlalchemy import create_engine, text

from bench.fetch import fetch_district
from bench.phase_probe import report
from bench.sandbox import _free_port
from bench.scale_cluster import (
    PHASES,
    Cluster,
    Process,
    load_average,
    settings_of,
    start_cluster,
)
from bench.scale_soak import grant_premium
from bench.scale_web import Press, clever_sign_in, press_sync
from bench.table import percentile
from bench.teacher import pick_teachers

STUDENTS = 2000
SYNCS = 30
BUSY_SECONDS = 90
PAGE_SIZE = "25"
POLL_SECONDS = 0.02
DISTRICT_DONE = re.compile(r"Task rostersync\.sync_district\[[^\]]+\] succeeded in ([\d.]+)s", re.M)


def clear_budget(redis_url: str) -> None:
    from adapters.clever.budget_limits import KEY_PREFIX

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{KEY_PREFIX}*"):
        client.delete(key)
    client.close()


def district_jobs(cluster: Cluster, worker: Process, district: str, until: float) -> int:
    """The district job, again and again until ``until``: each waits for the one before and
    starts without an event cursor, so it is a full sync. Returns how many ended."""
    from adapters.celery import make_celery
    from adapters.celery.names import SYNC_DISTRICT_TASK, SYNC_QUEUE

    app = make_celery(settings_of(cluster))
    engine = create_engine(cluster.database.url)
    ended = 0
    while time.time() < until:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM district_sync_cursors"))
        before = len(DISTRICT_DONE.findall(worker.log()))
        app.send_task(SYNC_DISTRICT_TASK, (district,), queue=SYNC_QUEUE)
        while len(DISTRICT_DONE.findall(worker.log())) == before:
            time.sleep(0.05)
        ended += 1
    engine.dispose()
    app.close()
    return ended


async def manual_syncs(
    clients: list[httpx.AsyncClient], pause: float, pressed: list[Press] | None = None
) -> list[float]:
    seconds = []
    for n in range(SYNCS):
        seconds.append(await press_sync(clients[n % len(clients)], POLL_SECONDS, pressed))
        await asyncio.sleep(pause)
    return seconds


async def signed_in(web: str, teachers: list[str]) -> list[httpx.AsyncClient]:
    clients = []
    for teacher in teachers:
        client = httpx.AsyncClient(base_url=web, timeout=120)
        await clever_sign_in(client, teacher)
        clients.append(client)
    return clients


def main() -> None:
    load = [load_average()]
    port = _free_port()
    web_url = f"http://127.0.0.1:{port}"
    cluster = start_cluster(
        1,
        STUDENTS,
        PUBLIC_URL=web_url,
        MANUAL_SYNC_MIN_INTERVAL_SECONDS="0",
        DAILY_SYNC_WINDOW_MINUTES="0",
    )
    try:
        sandbox = cluster.sandbox
        teachers, shape = pick_teachers(fetch_district(sandbox.url, sandbox.token), 5)
        grant_premium(cluster)
        worker = cluster.start_worker("worker", 2, env={"RSBENCH_CLEVER_PAGE_SIZE": PAGE_SIZE})
        cluster.start_web(port)
        pressed: dict[str, list[Press]] = {"idle token": [], "busy token": []}

        async def idle_then_busy() -> tuple[list[float], list[float], int, int]:
            clients = await signed_in(web_url, teachers)
            try:
                await manual_syncs(clients, 0)  # every teacher's first sync, not measured
                idle = await manual_syncs(clients, 0.5, pressed["idle token"])
                # A fresh minute for the busy run: the idle syncs' requests leave Clever's
                # window (the sandbox counts whole minutes) and the budget's.
                await asyncio.sleep(60 - time.time() % 60)
                clear_budget(cluster.redis_url)
                before = sum(sandbox.requests_served().values())
                started = time.time()
                first_minute: list[int] = []
                counter = threading.Timer(
                    60,
                    lambda: first_minute.append(sum(sandbox.requests_served().values()) - before),
                )
                counter.start()
                jobs = asyncio.create_task(
                    asyncio.to_thread(
                        district_jobs, cluster, worker, sandbox.district_id, started + BUSY_SECONDS
                    )
                )
                await asyncio.sleep(15)  # the job has spent its share of the minute by now
                busy = await manual_syncs(clients, 2.0, pressed["busy token"])
                ended = await jobs
                counter.join()
                return idle, busy, first_minute[0], ended
            finally:
                for client in clients:
                    await client.aclose()

        idle, busy, per_minute, jobs = asyncio.run(idle_then_busy())
        phases = report(pressed, worker.log()) if os.environ.get(PHASES) else []
        job_seconds = [float(seconds) for seconds in DISTRICT_DONE.findall(worker.log())]
        load.append(load_average())
    finally:
        cluster.stop()
    p95_idle, p95_busy = percentile(idle, 0.95), percentile(busy, 0.95)
    print(f"teachers of {shape}; {SYNCS} manual syncs each way, through the web and a worker")
    print(f"load average (1, 5, 15 min) at the start, at the end: {' / '.join(load)}")
    print("| measure | idle token | busy token | ratio (target <= 2x) |")
    print("| --- | --- | --- | --- |")
    print(
        f"| manual sync p95 (p50) | {p95_idle * 1000:.0f} ms ({percentile(idle, 0.5) * 1000:.0f})"
        f" | {p95_busy * 1000:.0f} ms ({percentile(busy, 0.5) * 1000:.0f}) | {p95_busy / p95_idle:.2f}x |"
    )
    print(f"| Clever requests in the busy run's first 60 s | | {per_minute} | (limit 1,200) |")
    print(
        f"| district jobs (full syncs, pages of {PAGE_SIZE}) ended in {BUSY_SECONDS} s | | {jobs} | |"
    )
    print(
        f"| district job time p50 (max; a job that met a spent minute waits it out) | |"
        f" {percentile(job_seconds, 0.5):.1f} s ({max(job_seconds):.1f}) | |"
    )
    if phases:
        print("\nwhere the time went, p50 / p95 in ms (RSBENCH_PHASES=1):")
        print("\n".join(phases))


if __name__ == "__main__":
    main()
