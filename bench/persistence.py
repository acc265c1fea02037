"""The sync's roster writes, hand-written (one JSON parameter the database unpacks, an id
array) against the library's way (SQLAlchemy's executemany / insertmanyvalues, ``= ANY`` or an
expanding ``IN``, psycopg's ``COPY``), on a throw-away PostgreSQL database and on SQLite.

    .venv/bin/python -m bench.persistence                       # 1k, 10k, 100k rows, 5 runs
    .venv/bin/python -m bench.persistence --rows 1000 --repeats 1   # a smoke run

For every size, each write runs once untimed (statements built, the ways' rows compared:
every way must leave the table row for row as the hand-written one does, and return the same
rows), then ``--repeats`` times timed, the ways taking turns (a way whose first run took over
``GIVE_UP_SECONDS`` is shown with that run alone). A run is one transaction on a
pooled connection, timed from its first statement to the end of its last (the commit, the same
rows to make durable whichever way wrote them, is left out); the tables are put back between
runs (``TRUNCATE``, or an ``UPDATE`` and ``VACUUM``), outside the time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, select

from adapters.sqlalchemy.engine import make_engine
from bench.database import new_database, postgres_unreachable_reason
from bench.persistence_cases import Case, Method, all_cases
from bench.persistence_rows import base_rows

SIZES = (1_000, 10_000, 100_000)
GIVE_UP_SECONDS = 20.0  # a way whose first run takes longer is not run again


@dataclass
class Timing:
    case: str
    method: str
    database: str
    size: int
    seconds: list[float] = field(default_factory=list)
    identical: bool = True

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(backend: str, sizes: tuple[int, ...], repeats: int, only: str | None) -> list[Timing]:
    timings: list[Timing] = []
    label = "Postgres" if backend == "postgres" else "SQLite"
    for size in sizes:
        database = new_database(backend)
        engine = make_engine(database.url)
        try:
            base_rows(engine)
            for case in all_cases():
                ways = [m for m in case.methods if backend == "postgres" or not m.postgres_only]
                case.prepare(engine, size)
                given = case.given(size)
                if only is None or only in case.name:
                    found = [Timing(case.name, m.name, label, size) for m in ways]
                    _time(engine, case, ways, given, size, repeats, found)
                    timings += found
                else:  # the rows it leaves, for the cases after it
                    _run(engine, case, ways[0], given, size)
        finally:
            engine.dispose()
            database.drop()
    return timings


def _time(
    engine: Engine,
    case: Case,
    ways: list[Method],
    given: Any,
    size: int,
    repeats: int,
    found: list[Timing],
) -> None:
    expected = None
    timed: list[tuple[Method, Timing]] = []
    for way, timing in zip(ways, found, strict=True):  # untimed: warm, and compared
        returned, taken = _run(engine, case, way, given, size)
        outcome = (returned, _rows(engine, case))
        if expected is None:
            expected = outcome
        timing.identical = outcome == expected
        if taken > GIVE_UP_SECONDS:  # that run is its figure: no more of them
            timing.seconds.append(taken)
        else:
            timed.append((way, timing))
    for repeat in range(repeats):
        turn = repeat % len(timed) if timed else 0  # each way goes first in turn
        for way, timing in timed[turn:] + timed[:turn]:
            timing.seconds.append(_run(engine, case, way, given, size)[1])


def _run(engine: Engine, case: Case, way: Method, given: Any, size: int) -> tuple[Any, float]:
    case.reset(engine, size)
    with engine.connect() as conn:
        conn.begin()
        started = time.perf_counter()
        returned = way.run(conn, given)
        taken = time.perf_counter() - started
        conn.commit()
        return returned, taken


def _rows(engine: Engine, case: Case) -> list[tuple[Any, ...]]:
    order = list(case.table.primary_key.columns)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(case.table).order_by(*order))]


def print_timings(timings: list[Timing], context: list[str]) -> None:
    console = Console(width=max(Console().width, 150))
    table = Table(title="roster writes: hand-written against the library's way")
    for name in ("write", "way", "database", "rows", "min", "median", "rows/s (min)", "÷ first"):
        table.add_column(
            name, no_wrap=True, justify="left" if name in ("write", "way") else "right"
        )
    table.add_column("same rows", no_wrap=True)
    first: dict[tuple[str, str, int], float] = {}
    case = None
    for t in timings:
        if case is not None and t.case != case:
            table.add_section()
        case = t.case
        base = first.setdefault((t.case, t.database, t.size), t.median)
        table.add_row(
            t.case,
            t.method,
            t.database,
            f"{t.size:,}",
            f"{t.best * 1000:.1f} ms",
            f"{t.median * 1000:.1f} ms" if len(t.seconds) > 1 else "(1 run)",
            f"{t.size / t.best:,.0f}",
            f"{t.median / base:.2f}x",
            "yes" if t.identical else "[red]NO[/red]",
        )
    for line in context:
        console.print(line, highlight=False)
    console.print(table)


def load_average() -> str:
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.persistence", description=__doc__)
    parser.add_argument("--rows", type=int, action="append", help="sizes (repeatable)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--database", choices=("postgres", "sqlite"), action="append")
    parser.add_argument("--only", help="the writes whose name contains this")
    args = parser.parse_args()
    sizes = tuple(sorted(set(args.rows or SIZES)))
    backends = args.database or ["postgres", "sqlite"]
    reason = postgres_unreachable_reason() if "postgres" in backends else None
    if reason:
        backends = [b for b in backends if b != "postgres"]
    context = [f"{os.cpu_count()} CPUs, load average at the start: {load_average()}"]
    timings = [t for b in backends for t in measure(b, sizes, args.repeats, args.only)]
    context.append(f"load average at the end: {load_average()}")
    if reason:
        context.append(f"{reason}: SQLite only")
    print_timings(timings, context)


if __name__ == "__main__":
    main()
