"""A school day, bounded: teachers reading rosters and pressing "Sync with Clever", students
signing in with Clever, Clever's data changing and the daily job's events syncs, all at once
against `rostersync serve` and `rostersync worker` processes, PostgreSQL and Redis, the sandbox
serving the districts from a process of its own.

    .venv/bin/python -m bench.scale_soak             # 10 minutes
    .venv/bin/python -m bench.scale_soak --quick     # 2 minutes

Targets: no error; the RSS of every service process (web, worker and its pool children)
within 10 % of its value after the first minute; the p99 roster read latency of the last
minute within 1.5x of the first minute's.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import click
import httpx

from bench.sandbox import _free_port
from bench.scale_cluster import Cluster, Process, load_average, rss_mib, settings_of, start_cluster
from bench.scale_districts import TASK_FAILED, next_day, night
from bench.scale_web import RESENT, clever_sign_in, graphql, press_sync
from bench.table import percentile

DISTRICTS, STUDENTS = 4, 2000
TEACHERS, SIGN_INS_AT_ONCE = 40, 3
SYNC_SHARE = 0.05  # of a teacher's page loads, the share followed by "Sync with Clever"
CHANGE_EVERY = 60.0  # seconds between Clever changes (and a daily job after each)
RSS_EVERY = 5.0
LOGGED_ERROR = re.compile(r"\bERROR\b")


@dataclass
class Day:
    started: float = field(default_factory=time.monotonic)
    reads: list[tuple[float, float]] = field(default_factory=list)  # (at, seconds)
    syncs: list[float] = field(default_factory=list)
    sign_ins: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    rss: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    dailies: int = 0

    def at(self) -> float:
        return time.monotonic() - self.started


async def signed_in_teacher(web: str, teacher_id: str) -> httpx.AsyncClient:
    """A teacher's browser, signed in with Clever, after their first sync (rostering starts)."""
    client = httpx.AsyncClient(base_url=web, timeout=60)
    await clever_sign_in(client, teacher_id)
    await press_sync(client)
    return client


async def teacher(client: httpx.AsyncClient, day: Day, until: float) -> None:
    """Load the Manage Classes page now and then; sometimes press "Sync with Clever"."""
    while time.monotonic() < until:
        try:
            started = time.perf_counter()
            await graphql(client, "TEACHER_CLASSES")
            day.reads.append((day.at(), time.perf_counter() - started))
            if random.random() < SYNC_SHARE:
                day.syncs.append(await press_sync(client))
        except (RuntimeError, httpx.HTTPError, ValueError) as exc:
            day.errors[f"teacher: {type(exc).__name__}: {str(exc)[:120]}"] += 1
        await asyncio.sleep(random.uniform(0.5, 1.5))


async def students_signing_in(web: str, students: list[str], day: Day, until: float) -> None:
    while time.monotonic() < until:
        try:
            started = time.perf_counter()
            async with httpx.AsyncClient(base_url=web, timeout=60) as client:
                await clever_sign_in(client, random.choice(students))
                await graphql(client, "STUDENT_CLASSES")
            day.sign_ins.append(time.perf_counter() - started)
        except (RuntimeError, httpx.HTTPError, ValueError) as exc:
            day.errors[f"student: {type(exc).__name__}: {str(exc)[:120]}"] += 1
        await asyncio.sleep(random.uniform(0.2, 0.6))


async def clever_changes_and_daily_jobs(cluster: Cluster, day: Day, until: float) -> None:
    """Every minute: a 1 % change in one district, then the daily job (events syncs)."""
    from adapters.celery import make_celery
    from adapters.celery.names import DAILY_SYNC_TASK, SYNC_QUEUE

    app = make_celery(settings_of(cluster))
    districts = [d["id"] for d in cluster.sandbox.summary["districts"]]
    n = 0
    while time.monotonic() + CHANGE_EVERY < until:
        await asyncio.sleep(CHANGE_EVERY)
        n += 1
        district = districts[n % len(districts)]
        await asyncio.to_thread(
            cluster.sandbox.change, "change_fraction", fraction=0.01, seed=n, district_id=district
        )
        await asyncio.to_thread(next_day, cluster.database.url)
        await asyncio.to_thread(app.send_task, DAILY_SYNC_TASK, queue=SYNC_QUEUE)
        day.dailies += 1
    app.close()


async def sample_rss(processes: list[Process], day: Day, until: float) -> None:
    while time.monotonic() < until:
        for process in processes:
            for pid in process.pids():
                value = rss_mib(pid)
                if value is not None:
                    day.rss.setdefault(f"{process.name} pid {pid}", []).append((day.at(), value))
        await asyncio.sleep(RSS_EVERY)


def student_ids(cluster: Cluster, per_district: int) -> list[str]:
    found: list[str] = []
    with httpx.Client(base_url=cluster.sandbox.url, timeout=60) as http:
        for district in cluster.sandbox.summary["districts"]:
            answer = http.get(
                "/v3.1/users",
                params={"role": "student", "limit": str(per_district)},
                headers={"Authorization": f"Bearer {district['token']}"},
            ).raise_for_status()
            found += [row["data"]["id"] for row in answer.json()["data"]]
    return found


def teacher_ids(cluster: Cluster) -> list[str]:
    """Section owners, taken from each of the sandbox's districts in turn."""
    per_district: list[list[str]] = []
    with httpx.Client(base_url=cluster.sandbox.url, timeout=60) as http:
        for district in cluster.sandbox.summary["districts"]:
            answer = http.get(
                "/v3.1/sections",
                params={"limit": "10000"},
                headers={"Authorization": f"Bearer {district['token']}"},
            ).raise_for_status()
            owners = dict.fromkeys(row["data"]["teacher"] for row in answer.json()["data"])
            per_district.append(list(owners))
    mixed = [
        ids[i] for i in range(max(map(len, per_district))) for ids in per_district if i < len(ids)
    ]
    return mixed[:TEACHERS]


def grant_premium(cluster: Cluster) -> None:
    import bootstrap
    from application.premium_grants import GrantPremiumCommand
    from domain.licensing import LicenseScope

    services = bootstrap.build(settings_of(cluster))
    for district in cluster.sandbox.summary["districts"]:
        services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district["id"]))
    services.extras["engine"].dispose()


async def school_day(
    cluster: Cluster, web: str, seconds: float, services: list[Process], worker: Process
) -> Day:
    day = Day()
    ids = teacher_ids(cluster)
    at_once = asyncio.Semaphore(8)

    async def sign_in(teacher_id: str) -> httpx.AsyncClient:
        async with at_once:
            return await signed_in_teacher(web, teacher_id)

    clients = await asyncio.gather(*(sign_in(t) for t in ids))
    # Every district's first daily job (full), so the ones during the day are events syncs.
    await asyncio.to_thread(night, cluster, [worker], len(cluster.sandbox.summary["districts"]))
    students = student_ids(cluster, 500)
    day.syncs.clear()
    day.started = time.monotonic()
    until = day.started + seconds
    try:
        await asyncio.gather(
            *(teacher(client, day, until) for client in clients),
            *(students_signing_in(web, students, day, until) for _ in range(SIGN_INS_AT_ONCE)),
            clever_changes_and_daily_jobs(cluster, day, until),
            sample_rss(services, day, until),
        )
    finally:
        for client in clients:
            await client.aclose()
    return day


def minute_p99(day: Day, first: bool, seconds: float) -> tuple[float, int]:
    low, high = (0.0, 60.0) if first else (seconds - 60.0, seconds)
    window = [s for at, s in day.reads if low <= at < high]
    return percentile(window, 0.99), len(window)


def log_errors(processes: list[Process]) -> list[str]:
    found = []
    for process in processes:
        for line in process.log().splitlines():
            if "Traceback" in line or LOGGED_ERROR.search(line) or TASK_FAILED.search(line):
                found.append(f"{process.name}: {line[:160]}")
    return found


def report(day: Day, seconds: float, load: list[str], logged: list[str]) -> None:
    first, first_n = minute_p99(day, True, seconds)
    last, last_n = minute_p99(day, False, seconds)
    errors = sum(day.errors.values()) + len(logged)
    print(
        f"school day of {seconds / 60:.0f} min: {TEACHERS} teachers, {SIGN_INS_AT_ONCE} sign-in streams"
    )
    print(f"load average (1, 5, 15 min) at the start, at the end: {' / '.join(load)}")
    print("| measure | result | target |")
    print("| --- | --- | --- |")
    print(f"| errors | {errors} | 0 |")
    print(f"| roster reads | {len(day.reads):,} |  |")
    print(
        f"| manual syncs (through Celery, to the run's end) | {len(day.syncs):,}, p95 {percentile(day.syncs, 0.95) * 1000:.0f} ms | |"
    )
    print(
        f"| student sign-ins (Clever SSO, then their classes) | {len(day.sign_ins):,}, p95 {percentile(day.sign_ins, 0.95) * 1000:.0f} ms | |"
    )
    print(f"| daily jobs (events syncs after a 1 % change) | {day.dailies} | |")
    print(
        f"| GraphQL requests sent again on a new connection (keep-alive closed) | {RESENT[0]} | |"
    )
    ratio = last / first if first else float("nan")
    print(
        f"| roster read p99: first minute, last minute | {first * 1000:.0f} ms ({first_n:,} reads), "
        f"{last * 1000:.0f} ms ({last_n:,} reads): {ratio:.2f}x | <= 1.5x |"
    )
    worst = 0.0
    for name, series in sorted(day.rss.items()):
        after_first = next((v for at, v in series if at >= 60.0), series[-1][1])
        end = series[-1][1]
        change = end / after_first - 1
        worst = max(worst, abs(change))
        print(
            f"| RSS {name}: after 1 min, at the end | {after_first:.0f} MiB, {end:.0f} MiB ({change:+.1%}) | within 10 % |"
        )
    print(f"| RSS, largest change after the first minute | {worst:.1%} | <= 10 % |")
    for what, n in day.errors.most_common(10):
        print(f"error x{n}: {what}")
    for line in logged[:10]:
        print(f"logged: {line}")


def run(minutes: float) -> None:
    load = [load_average()]
    port = _free_port()
    web_url = f"http://127.0.0.1:{port}"
    cluster = start_cluster(DISTRICTS, STUDENTS, DAILY_SYNC_WINDOW_MINUTES="0", PUBLIC_URL=web_url)
    try:
        grant_premium(cluster)
        worker = cluster.start_worker("worker", 2)
        web = cluster.start_web(port)
        seconds = minutes * 60
        day = asyncio.run(school_day(cluster, web_url, seconds, [web, worker], worker))
        load.append(load_average())
        logged = log_errors([web, worker])
    finally:
        cluster.stop()
    report(day, seconds, load, logged)


@click.command()
@click.option("--minutes", default=10.0, show_default=True, type=click.FloatRange(2, 600))
@click.option("--quick", is_flag=True, help="2 minutes.")
def main(minutes: float, quick: bool) -> None:
    run(2.0 if quick else minutes)


if __name__ == "__main__":
    main()
