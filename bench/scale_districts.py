"""Thousands of districts a night: the daily job of many small districts through real Celery
workers (`rostersync worker` processes, a Redis broker, PostgreSQL), the sandbox serving every
district from a process of its own.

    .venv/bin/python -m bench.scale_districts            # 2,000 districts of 250 students
    .venv/bin/python -m bench.scale_districts --quick    # 50 districts, about a minute

Every teacher has synced once and every district has Premium. Night 1 (every district's first
sync, full) and night 2 (nothing changed in Clever: the events syncs) are each started by
sending the daily task to the broker, as beat does, with ROSTERSYNC_DAILY_SYNC_WINDOW_MINUTES=0
so the districts run back to back (the production window spreads them over two hours) and
the wall time is the workers' throughput. The night is over when the workers have logged
every district job's end.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

import click
import httpx
from sqlalchemy import create_engine, func, select, table, text

from bench.database import roster_write_counts
from bench.scale_cluster import Cluster, Process, load_average, settings_of, start_cluster

DISTRICT_DONE = re.compile(
    r"Task rostersync\.sync_district\[[^\]]+\] succeeded in ([0-9.e-]+)s: (.*)$", re.M
)
DAILY_DONE = re.compile(r"Task rostersync\.daily_sync\[[^\]]+\] succeeded in ([0-9.e-]+)s", re.M)
TASK_FAILED = re.compile(r"Task rostersync\.\w+\[[^\]]+\] (raised|retry)[^\n]*", re.M)
# The single 50,000-student district's full cold sync on PostgreSQL in docs/benchmarks.md's
# recorded run: 687,396 rows in 17.9 s.
RECORDED_SINGLE_DISTRICT = ("50,000 students, recorded in docs/benchmarks.md", 687_396 / 17.9)
NIGHT_TIMEOUT = 4 * 3600
STATS_FLUSH_SECONDS = 11  # an idle PostgreSQL backend reports its row counts within 10 s


@dataclass
class Night:
    seconds: float
    districts: int
    rows: int
    requests: Counter[str]
    task_seconds: list[float]
    fan_out_seconds: float
    statements: int
    errors: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def start_rostering(cluster: Cluster) -> int:
    """Every district gets Premium and every teacher has synced once; returns the teachers."""
    import bootstrap
    from adapters.clever.fields import Fields
    from adapters.clever.records import person_from
    from application.premium_grants import GrantPremiumCommand
    from domain.licensing import LicenseScope
    from domain.roster import Teacher

    services = bootstrap.build(settings_of(cluster))
    teachers = 0
    with httpx.Client(base_url=cluster.sandbox.url, timeout=60) as http:
        for district in cluster.sandbox.summary["districts"]:
            services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district["id"]))
            answer = http.get(
                "/v3.1/users",
                params={"role": "teacher", "limit": "10000"},
                headers={"Authorization": f"Bearer {district['token']}"},
            ).raise_for_status()
            with services.uow() as uow:
                for row in answer.json()["data"]:
                    person = person_from(Fields(row["data"]), district["id"], "teacher")
                    assert person is not None
                    uow.rosters.save_teacher(
                        Teacher(
                            person.id,
                            person.district_id,
                            person.name,
                            person.email,
                            person.school_ids,
                            rostering_started=True,
                        )
                    )
                    teachers += 1
                uow.commit()
    services.extras["engine"].dispose()
    return teachers


def roster_rows(url: str) -> int:
    """Rows in the six roster tables now."""
    from adapters.sqlalchemy.tables import ROSTER_TABLES

    engine = create_engine(url)
    with engine.connect() as conn:
        total = sum(
            int(conn.execute(select(func.count()).select_from(table(name))).scalar_one())
            for name in ROSTER_TABLES
        )
    engine.dispose()
    return total


def written_rows(url: str) -> int:
    """Rows inserted, updated or deleted in the roster tables so far (PostgreSQL's counts)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        written = sum(roster_write_counts(conn).values())
    engine.dispose()
    return written


def next_day(url: str) -> None:
    """The daily job starts once per UTC day; the bench's second night forgets the first."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM daily_sync_days"))
    engine.dispose()


def night(cluster: Cluster, workers: list[Process], districts: int) -> Night:
    """Send the daily task as beat does and wait until every district job has ended."""
    from adapters.celery import make_celery
    from adapters.celery.names import DAILY_SYNC_TASK, SYNC_QUEUE

    next_day(cluster.database.url)
    app = make_celery(settings_of(cluster))
    logged = {w.name: len(w.log()) for w in workers}
    statements_before = cluster.statements()
    requests_before = cluster.sandbox.requests_served()
    rows_before = roster_rows(cluster.database.url)
    started = time.perf_counter()
    app.send_task(DAILY_SYNC_TASK, queue=SYNC_QUEUE)

    def new_lines() -> str:
        return "".join(w.log()[logged[w.name] :] for w in workers)

    deadline = time.monotonic() + NIGHT_TIMEOUT
    while len(DISTRICT_DONE.findall(new_lines())) < districts:
        if time.monotonic() > deadline:
            raise RuntimeError("the night did not end in time")
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    app.close()
    lines = new_lines()
    done = DISTRICT_DONE.findall(lines)
    statements = Counter(cluster.statements()) - Counter(statements_before)
    errors = [summary for _, summary in done if "'error': None" not in summary]
    errors += [m.group(0) for m in TASK_FAILED.finditer(lines)]
    fan_out = DAILY_DONE.search(lines)
    return Night(
        seconds=seconds,
        districts=len(done),
        rows=roster_rows(cluster.database.url) - rows_before,
        requests=cluster.sandbox.requests_served() - requests_before,
        task_seconds=[float(s) for s, _ in done],
        fan_out_seconds=float(fan_out.group(1)) if fan_out else float("nan"),
        statements=statements["rostersync.sync_district"],
        errors=errors,
    )


@dataclass
class Measured:
    districts: int
    students: int
    teachers: int
    cold: Night
    quiet: Night
    quiet_rows_written: int
    load: list[str]


def measure(districts: int, students: int, workers: int, concurrency: int) -> Measured:
    load = [load_average()]
    cluster = start_cluster(districts, students, DAILY_SYNC_WINDOW_MINUTES="0")
    try:
        teachers = start_rostering(cluster)
        pool = [cluster.start_worker(f"worker-{n}", concurrency) for n in range(workers)]
        cold = night(cluster, pool, districts)
        load.append(load_average())
        time.sleep(STATS_FLUSH_SECONDS)
        written_before = written_rows(cluster.database.url)
        quiet = night(cluster, pool, districts)
        time.sleep(STATS_FLUSH_SECONDS)
        quiet_written = written_rows(cluster.database.url) - written_before
        load.append(load_average())
    finally:
        cluster.stop()
    return Measured(districts, students, teachers, cold, quiet, quiet_written, load)


def per_district(value: float, districts: int) -> str:
    return f"{value / districts:.1f}" if districts else "-"


def report(m: Measured, reference: tuple[str, float], shape: str) -> None:
    cold, quiet = m.cold, m.quiet
    ratio = cold.rows_per_second / reference[1]
    quiet_requests = sum(quiet.requests.values()) - quiet.requests["GET /oauth/tokens"]
    print(
        f"{m.districts:,} districts of {m.students:,} students ({m.teachers:,} teachers); {shape}"
    )
    print(
        f"load average (1, 5, 15 min) at the start, after night 1, at the end: {' / '.join(m.load)}"
    )
    print("| measure | result | target |")
    print("| --- | --- | --- |")
    print(f"| night 1 (first sync, full): wall time | {cold.seconds:.1f} s | |")
    print(f"| night 1: rows written | {cold.rows:,} ({cold.rows_per_second:,.0f} rows/s) | |")
    print(
        f"| night 1: rows/s against the single district's ({reference[0]}: "
        f"{reference[1]:,.0f} rows/s) | {ratio:.2f}x | >= 0.5x |"
    )
    print(f"| night 1: Clever requests | {sum(cold.requests.values()):,} | |")
    print(f"| night 1: the daily task's fan-out | {cold.fan_out_seconds:.2f} s | |")
    print(f"| night 2 (nothing changed, events): wall time | {quiet.seconds:.1f} s | |")
    print(
        f"| night 2: per district, SQL statements | "
        f"{per_district(quiet.statements, quiet.districts)} | |"
    )
    print(
        f"| night 2: per district, Clever requests | "
        f"{per_district(quiet_requests, quiet.districts)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(quiet.requests.items()))}) | |"
    )
    median = sorted(quiet.task_seconds)[len(quiet.task_seconds) // 2] if quiet.task_seconds else 0
    print(f"| night 2: per district, task time (median) | {median * 1000:.0f} ms | |")
    print(f"| night 2: roster rows written | {m.quiet_rows_written} | 0 |")
    print(f"| night 2: the daily task's fan-out | {quiet.fan_out_seconds:.2f} s | |")
    for label, n in (("night 1", cold), ("night 2", quiet)):
        if n.errors or n.districts != m.districts:
            print(f"{label}: {n.districts} district jobs ended; errors: {n.errors[:5]}")


@click.command()
@click.option("--districts", default=2000, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--students", default=250, show_default=True, type=click.IntRange(10, 100_000))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 8))
@click.option("--concurrency", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option(
    "--reference-students",
    default=0,
    type=click.IntRange(0, 2_000_000),
    help="Also sync one district of this size the same way, for rows/s (default: the recorded run).",
)
@click.option("--quick", is_flag=True, help="50 districts: a smoke run of a minute or two.")
def main(
    districts: int,
    students: int,
    workers: int,
    concurrency: int,
    reference_students: int,
    quick: bool,
) -> None:
    if quick:
        districts = min(districts, 50)
    shape = f"{workers} worker process(es) x concurrency {concurrency}"
    reference: tuple[str, float] = RECORDED_SINGLE_DISTRICT
    if reference_students:
        single = measure(1, reference_students, workers, concurrency)
        reference = (f"{reference_students:,} students, this run", single.cold.rows_per_second)
        report(single, RECORDED_SINGLE_DISTRICT, shape)
    report(measure(districts, students, workers, concurrency), reference, shape)


if __name__ == "__main__":
    main()
