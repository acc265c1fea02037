"""Planner statistics after a district's first sync: PostgreSQL's autovacuum with the roster
tables' own settings (migration 0014, what the service relies on) against the service's former
``ANALYZE`` after bulk writes, played here by the bench after each job. PostgreSQL only.

    .venv/bin/python -m bench.planner_statistics [--students 5000 --students 50000]

For each size, two fresh databases, each with its sync worker (``bench/worker.py``), one per
way, measured side by side (each step runs in one way, then in the other): the cold full sync
(and the ``ANALYZE`` after it), then ``--repeats`` times a no-op full resync and an events sync
after a 1 % change (the same change for both), and the reads a sync and a roster query make
(a batch's state load of 200 teachers, the classes of 50 people, one teacher's roster), each
explained (``EXPLAIN ANALYZE``) to show how it scans ``enrollments``. The autovacuum way first
has autovacuum turned off on the roster tables: that is the time until its next round (up to
``autovacuum_naptime`` after the writes), made to last. Then autovacuum is allowed, waited for,
and both ways are measured again. The server's ``autovacuum`` must be on for that; the lines
above the table say what it found.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, bindparam, create_engine, event, text

from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.tables import ROSTER_TABLES
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from bench.changes import expected_rows
from bench.database import BenchDatabase, new_postgres_database
from bench.district import DistrictRun, start_rostering, sync_district
from bench.fetch import DistrictPages, fetch_district, sections_by_member
from bench.persistence import load_average
from bench.sandbox import SandboxProcess, start_sandbox
from bench.worker import SyncWorker

AFTER_WRITES = "ANALYZE after bulk writes"  # the service's way before migration 0014
AUTOVACUUM = "autovacuum (0014)"
WAYS = (AFTER_WRITES, AUTOVACUUM)
# The service's rule before 0014: analyse once a tenth of the roster rows (at least 5,000)
# were written since the last time.
MIN_ROWS, SCALE = 5_000, 0.1
AUTOVACUUM_WAIT_SECONDS = 300.0
SEEDS = itertools.count(101)  # every change a change of its own
Rows = list[tuple[str, dict[str, str]]]  # (step, way -> figure)


class Way:
    """One way's database and sync worker."""

    def __init__(self, name: str, sandbox: SandboxProcess, pages: DistrictPages) -> None:
        self.name, self.sandbox = name, sandbox
        self.database = new_postgres_database()
        self.worker = SyncWorker()
        self.analysing = 0.0  # seconds of ANALYZE after the jobs so far
        start_rostering(self.database, sandbox, pages)
        if name == AFTER_WRITES:  # the server's defaults, as before 0014
            _set_options(
                self.database,
                "RESET (autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)",
            )
        else:  # autovacuum held off: the time until its next round, made to last
            _set_options(self.database, "SET (autovacuum_enabled = false)")

    def sync(self, full: bool) -> DistrictRun:
        run = sync_district(self.database, self.sandbox, full, self.worker)
        if self.name == AFTER_WRITES:
            self.analysing += _analyse_after_writes(self.database)
        return run

    def close(self) -> None:
        self.worker.close()
        self.database.drop()


def measure(sandbox: SandboxProcess, repeats: int) -> Rows:
    """Both ways side by side, step by step, so that they share the machine's moments."""
    pages = fetch_district(sandbox.url, sandbox.token)
    ways: dict[str, Way] = {}
    try:
        for name in WAYS:
            ways[name] = Way(name, sandbox, pages)
        cold = {name: way.sync(full=True) for name, way in ways.items()}
        found: Rows = [
            ("full cold sync", {n: _ms(r.seconds) for n, r in cold.items()}),
            ("ANALYZE after it", {AFTER_WRITES: _ms(ways[AFTER_WRITES].analysing)}),
        ]
        found += _phase(sandbox, pages, ways, repeats)
        waited = _autovacuum_allowed_and_waited_for(ways[AUTOVACUUM].database)
        found.append(("autovacuum allowed; it analysed the tables", {AUTOVACUUM: waited}))
        found += _phase(sandbox, pages, ways, repeats)
    finally:
        for way in ways.values():
            way.close()
    return found


def _analyse_after_writes(database: BenchDatabase) -> float:
    """The rule the service followed before 0014, after a job rather than after each commit
    (the server counts the rows): the seconds its ``ANALYZE`` took, if it ran."""
    engine = create_engine(database.url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_stat_clear_snapshot()"))
            written, held = conn.execute(
                text(
                    "SELECT sum(s.n_mod_since_analyze), sum(greatest(c.reltuples, 0)) "
                    "FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
                    "WHERE s.relname IN :tables"
                ).bindparams(bindparam("tables", expanding=True)),
                {"tables": list(ROSTER_TABLES)},
            ).one()
            conn.rollback()
            if written < max(MIN_ROWS, SCALE * held):
                return 0.0
            started = time.perf_counter()
            conn.execute(text(f"ANALYZE {', '.join(ROSTER_TABLES)}"))
            conn.commit()
            return time.perf_counter() - started
    finally:
        engine.dispose()


def _phase(
    sandbox: SandboxProcess, pages: DistrictPages, ways: dict[str, Way], repeats: int
) -> Rows:
    """``repeats`` times a no-op full resync, then a 1 % change and an events sync, each way in
    turn: min / median of each; then the reads, explained."""
    state = {name: _analysed(way.database) for name, way in ways.items()}
    noop: dict[str, list[float]] = {name: [] for name in ways}
    events: dict[str, list[float]] = {name: [] for name in ways}
    wrong: dict[str, str] = {name: "" for name in ways}
    for _ in range(repeats):
        for name, way in ways.items():
            noop[name].append(way.sync(full=True).seconds)
        before = fetch_district(sandbox.url, sandbox.token)
        sandbox.change("change_fraction", fraction=0.01, seed=next(SEEDS))
        expected = expected_rows(before, fetch_district(sandbox.url, sandbox.token))
        for name, way in ways.items():
            run = way.sync(full=False)
            events[name].append(run.seconds)
            if run.rows != expected or run.error:
                wrong[name] = f" (run wrote {run.rows} rows, {expected} expected; {run.error})"
    found: Rows = [
        ("statistics", state),
        (f"no-op full resync, min / median of {repeats}", {n: _spread(t) for n, t in noop.items()}),
        (
            f"events sync after a 1 % change, min / median of {repeats}",
            {n: _spread(t) + wrong[n] for n, t in events.items()},
        ),
    ]
    reads: dict[str, dict[str, str]] = {}
    for name, way in ways.items():
        for read, figure in _reads(way.database, pages):
            reads.setdefault(read, {})[name] = figure
    return found + list(reads.items())


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _spread(seconds: list[float]) -> str:
    return f"{min(seconds) * 1000:,.0f} / {statistics.median(seconds) * 1000:,.0f} ms"


def _reads(database: BenchDatabase, pages: DistrictPages) -> list[tuple[str, str]]:
    engine = make_engine(database.url)
    taught = sections_by_member(pages)
    teachers = sorted(taught)[:200]
    sections = sorted({s["id"] for t in teachers for s in taught[t]})
    busiest = max(taught, key=lambda t: len(taught[t]))
    people = [s["id"] for s in pages.students[:50]]
    reader = SqlAlchemyRosterReader(engine)
    reads: dict[str, Callable[[], object]] = {
        f"state load, 200 teachers ({len(sections)} classes)": lambda: _load_state(
            engine, sections, teachers
        ),
        "classes of 50 people": lambda: _sections_of_people(engine, people),
        f"one teacher's roster ({len(taught[busiest])} classes)": lambda: (
            reader.enrolled_students_for_classes([s["id"] for s in taught[busiest]])
        ),
    }
    try:
        return [(name, _explained(engine, read)) for name, read in reads.items()]
    finally:
        engine.dispose()


def _load_state(engine: Engine, sections: list[str], teachers: list[str]) -> object:
    with SqlAlchemyUnitOfWork(engine) as uow:
        return uow.rosters.load_state(sections, teachers, ())


def _sections_of_people(engine: Engine, people: list[str]) -> object:
    with SqlAlchemyUnitOfWork(engine) as uow:
        return uow.rosters.sections_of_people(people)


def _explained(engine: Engine, read: Callable[[], object]) -> str:
    """How the read's statements scan ``enrollments``, and their execution time."""
    with _statements(engine) as statements:
        read()
    scans: list[str] = []
    total = 0.0
    with engine.connect() as conn:
        for statement, params in statements:
            plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params)
            found = plan.scalar_one()
            found = json.loads(found) if isinstance(found, str) else found
            total += found[0]["Execution Time"]
            scans += _scans(found[0]["Plan"])
        conn.rollback()
    return f"{total:.1f} ms; enrollments: {', '.join(scans) or 'not read'}"


@contextmanager
def _statements(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def _scans(node: dict[str, Any]) -> list[str]:
    own = [node["Node Type"]] if node.get("Relation Name") == "enrollments" else []
    return own + [scan for child in node.get("Plans", []) for scan in _scans(child)]


def _set_options(database: BenchDatabase, change: str) -> None:
    engine = create_engine(database.url)
    with engine.begin() as conn:
        for table in ROSTER_TABLES:
            conn.execute(text(f"ALTER TABLE {table} {change}"))
    engine.dispose()


def _analysed(database: BenchDatabase) -> str:
    engine = create_engine(database.url)
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        app, auto = conn.execute(
            text(
                "SELECT analyze_count, autoanalyze_count FROM pg_stat_user_tables "
                "WHERE relname = 'enrollments'"
            )
        ).one()
    engine.dispose()
    return f"enrollments analysed: by ANALYZE {app}x, by autovacuum {auto}x"


def _autovacuum_allowed_and_waited_for(database: BenchDatabase) -> str:
    """Autovacuum allowed again on the roster tables (0014's settings stay), then the wait
    for its next round to analyse ``enrollments``."""
    _set_options(database, "SET (autovacuum_enabled = true)")
    engine = create_engine(database.url)
    started = time.monotonic()
    try:
        with engine.connect() as conn:
            if conn.execute(text("SHOW autovacuum")).scalar_one() != "on":
                return "never: autovacuum is off on this server"
            while time.monotonic() - started < AUTOVACUUM_WAIT_SECONDS:
                conn.execute(text("SELECT pg_stat_clear_snapshot()"))
                done = conn.execute(
                    text(
                        "SELECT autoanalyze_count > 0 FROM pg_stat_user_tables "
                        "WHERE relname = 'enrollments'"
                    )
                ).scalar_one()
                conn.rollback()
                if done:
                    return f"after {time.monotonic() - started:.0f} s"
                time.sleep(1)
    finally:
        engine.dispose()
    return f"not within {AUTOVACUUM_WAIT_SECONDS:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.planner_statistics")
    parser.add_argument("--students", type=int, action="append")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(set(args.students or [5_000, 50_000]))
    console = Console(width=max(Console().width, 150))
    context = [f"load average at the start: {load_average()}", _server_settings()]
    table = Table(title="planner statistics after a district's first sync (PostgreSQL)")
    table.add_column("students", no_wrap=True)
    table.add_column("step", no_wrap=True)
    for way in WAYS:
        table.add_column(way)
    for size in sizes:
        sandbox = start_sandbox(size)
        try:
            for step, figures in measure(sandbox, args.repeats):
                table.add_row(f"{size:,}", step, *(figures.get(way, "") for way in WAYS))
            table.add_section()
        finally:
            sandbox.stop()
    context.append(f"load average at the end: {load_average()}")
    for line in context:
        console.print(line, highlight=False)
    console.print(table)


def _server_settings() -> str:
    database = new_postgres_database()
    engine = create_engine(database.url)
    try:
        with engine.connect() as conn:
            shown = {
                name: conn.execute(text(f"SHOW {name}")).scalar_one()
                for name in ("server_version", "autovacuum", "autovacuum_naptime")
            }
    finally:
        engine.dispose()
        database.drop()
    return ", ".join(f"{k} {v}" for k, v in shown.items())


if __name__ == "__main__":
    main()
