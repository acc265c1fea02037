"""`make bench`: sync and query measurements against the Clever sandbox on loopback,
on a throw-away Postgres database (and SQLite), printed as one table.

A database's district syncs run one after another in a sync worker of their own, as in a
Celery worker (the cold sync first, in a fresh interpreter); the sandbox runs in another
process, and each web app in a uvicorn worker of its own, so no measurement pays for
another's memory or CPU.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from dataclasses import dataclass

from rich.console import Console

from bench.database import postgres_server_url, postgres_unreachable_reason
from bench.district_suite import district_rows, measure_district
from bench.fetch import fetch_district
from bench.graphql import Load, measure_floors, measure_service, strawberry_floor
from bench.graphql_rows import floor_rows, service_rows
from bench.sandbox import start_sandbox
from bench.table import Row, print_table
from bench.teacher import measure_teacher_syncs, teacher_rows

FULL_SIZES = (5_000, 50_000)
QUICK_SIZES = (600,)
# The manual syncs run in the biggest district: it has the most teachers to pick 6 x 30 from.


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...]
    teachers: int
    load: Load
    quick: bool = False  # syncs and web apps in the bench process, GraphQL on one database


def plan_for(sizes: tuple[int, ...], quick: bool) -> Plan:
    if quick:
        return Plan(sizes or QUICK_SIZES, 4, Load(20, 1.0, 1.0, in_process=True), quick=True)
    return Plan(sizes or FULL_SIZES, teachers=20, load=Load(20, 10.0, 1.0))


def run_bench(sizes: tuple[int, ...], quick: bool, only: str | None = None) -> None:
    """``only="graphql"``: the GraphQL roster rows and their floors, no district syncs."""
    plan = plan_for(tuple(sorted(set(sizes))), quick)
    # What is being measured, on stderr while stdout is a terminal; a piped table stays clean.
    status = Console(stderr=True, quiet=not sys.stdout.isatty())
    reason = postgres_unreachable_reason()
    backends = ["sqlite"] if reason else ["postgres", "sqlite"]
    notes = [f"{reason}: SQLite only"] if reason else []
    context = [_machine(), _versions(reason)]
    if plan.quick:
        notes.append(
            "quick mode: small sizes, syncs and web apps inside the bench process, GraphQL on "
            "one database; a smoke run, not a measurement"
        )
    rows: list[Row] = []
    with status.status("starting") as progress:
        say = progress.update
        teacher_size = max(plan.sizes)
        for seed, size in enumerate(() if only == "graphql" else plan.sizes, start=1):
            say(f"Clever sandbox with {size:,} students")
            sandbox = start_sandbox(size)
            try:
                for backend in backends:
                    found = measure_district(sandbox, backend, size, 10 * seed, say, plan.quick)
                    rows += district_rows(found)
                if size == teacher_size:
                    pages = fetch_district(sandbox.url, sandbox.token)
                    for backend in backends:
                        say(f"{backend}: teachers' manual syncs")
                        syncs = measure_teacher_syncs(sandbox, backend, pages, plan.teachers)
                        rows += teacher_rows(syncs)
            finally:
                sandbox.stop()
        with strawberry_floor(plan.load) as floor_port:
            measured = [
                (backend, *measure_service(backend, plan.load, floor_port, say))
                for backend in (backends[:1] if plan.quick else backends)
            ]
            strawberry, bare = measure_floors(plan.load, measured[0][2].body, floor_port, say)
        for backend, statements, service in measured:
            database = "Postgres" if backend == "postgres" else "SQLite"
            rows += service_rows(database, statements, service, bare)
        rows += floor_rows(strawberry, bare)
    context.append(f"load average at the end: {_load_average()}")
    print_table(rows, context, notes)


def _machine() -> str:
    return (
        f"{platform.node()}: {os.cpu_count()} CPUs, {platform.machine()}, "
        f"load average at the start: {_load_average()}"
    )


def _versions(postgres_reason: str | None) -> str:
    postgres = "unreachable" if postgres_reason else _postgres_version()
    return (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {postgres}"
    )


def _postgres_version() -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_server_url())
    with engine.connect() as conn:
        version = str(conn.execute(text("SHOW server_version")).scalar())
    engine.dispose()
    return version


def _load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"
