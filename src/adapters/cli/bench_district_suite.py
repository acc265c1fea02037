"""The district measurements for one size and one database: cold, floor, no-op, 1 % change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from adapters.cli.bench_changes import expected_rows
from adapters.cli.bench_database import new_database
from adapters.cli.bench_district import DistrictRun, start_rostering, sync_district
from adapters.cli.bench_fetch import DistrictPages, fetch_district
from adapters.cli.bench_floor import floor_rows, load_floor
from adapters.cli.bench_sandbox import SandboxProcess
from adapters.cli.bench_table import Row, count, seconds, students
from adapters.cli.bench_worker import SyncWorker

BIG_DISTRICT = 50_000  # the size the absolute targets are set for
CHANGE_FRACTION = 0.01
Progress = Callable[[str], None]


@dataclass
class ChangeRun:
    run: DistrictRun
    expected: int


@dataclass
class DistrictResults:
    backend: str
    size: int
    cold: DistrictRun
    fetch_floor: DistrictPages
    load_floor_seconds: float
    floor_rows: int
    noop_full: DistrictRun
    noop_events: DistrictRun | None
    first_events: ChangeRun | None  # the worker's first events sync that applies changes
    change_events: ChangeRun | None
    change_full: ChangeRun


def measure_district(
    sandbox: SandboxProcess, backend: str, size: int, seed: int, say: Progress, in_process: bool
) -> DistrictResults:
    def sync(full: bool) -> DistrictRun:
        return sync_district(database, sandbox, full, worker)

    database = new_database(backend)
    # One worker runs the jobs one after another, as a Celery worker would: the cold sync in
    # a fresh process, the later ones with its pool and compiled statements warm.
    worker = None if in_process else SyncWorker()
    try:
        say(f"{backend} {size:,}: reading the district with bare httpx (the fetch floor)")
        pages = fetch_district(sandbox.url, sandbox.token)
        start_rostering(database, sandbox, pages)
        say(f"{backend} {size:,}: full cold sync")
        cold = sync(full=True)
        say(f"{backend} {size:,}: bulk load of the same rows (the write floor)")
        load_seconds, loaded = _write_floor(backend, pages)
        say(f"{backend} {size:,}: no-op resync")
        noop_full = sync(full=True)
        noop_events = None
        if cold.events_wired:
            noop_events = sync(full=False)
        first_events = change_events = None
        if cold.events_wired:
            # The full resync is timed in a worker that has run full syncs before; the events
            # sync likewise after one events sync that applied changes (shown on its own).
            say(f"{backend} {size:,}: 1 % change, the worker's first events sync")
            first_events = _changed(sandbox, seed + 2, sync, full=False)
            say(f"{backend} {size:,}: 1 % change, events sync")
            change_events = _changed(sandbox, seed, sync, full=False)
        say(f"{backend} {size:,}: 1 % change, full resync")
        change_full = _changed(sandbox, seed + 1, sync, full=True)
    finally:
        if worker is not None:
            worker.close()
        database.drop()
    return DistrictResults(
        backend,
        size,
        cold,
        pages,
        load_seconds,
        loaded,
        noop_full,
        noop_events,
        first_events,
        change_events,
        change_full,
    )


def _write_floor(backend: str, pages: DistrictPages) -> tuple[float, int]:
    twin = new_database(backend)
    try:
        rows = floor_rows(pages)
        return load_floor(twin, rows), sum(len(r) for r in rows.values())
    finally:
        twin.drop()


def _changed(
    sandbox: SandboxProcess, seed: int, sync: Callable[[bool], DistrictRun], full: bool
) -> ChangeRun:
    before = fetch_district(sandbox.url, sandbox.token)
    sandbox.change("change_fraction", fraction=CHANGE_FRACTION, seed=seed)
    after = fetch_district(sandbox.url, sandbox.token)
    return ChangeRun(sync(full), expected_rows(before, after))


def district_rows(r: DistrictResults) -> list[Row]:
    db, size, big = _label(r.backend), students(r.size), r.size >= BIG_DISTRICT
    floor = r.fetch_floor.seconds + r.load_floor_seconds
    ratio = r.cold.seconds / floor if floor else float("inf")
    loader = "COPY" if r.backend == "postgres" else "executemany"

    def row(measurement: str, result: str, target: str = "", met: bool | None = None) -> Row:
        return Row("district sync", measurement, db, size, result, target, met)

    rows = [
        row(
            "full cold sync: wall time",
            _wall(r.cold),
            "< 60 s" if big else "",
            r.cold.seconds < 60 if big else None,
        ),
        row(
            "full cold sync: Clever requests",
            count(r.cold.requests),
            "≤ 20" if big else "",
            r.cold.requests <= 20 if big else None,
        ),
        row("full cold sync: rows written", _rows(r.cold)),
        row(
            "full cold sync: peak RSS",
            f"{r.cold.peak_rss_mib:.0f} MiB (at start {r.cold.rss_before_mib:.0f} MiB)",
            "< 500 MiB" if big else "",
            r.cold.peak_rss_mib < 500 if big else None,
        ),
        row(
            "floor: fetch (bare httpx + json)",
            f"{seconds(r.fetch_floor.seconds)} ({r.fetch_floor.pages} pages)",
        ),
        row(
            f"floor: bulk load ({loader})",
            f"{seconds(r.load_floor_seconds)} ({count(r.floor_rows)} rows)",
        ),
        row("full cold sync ÷ floor", f"{ratio:.1f}x ({seconds(floor)} floor)", "≤ 3x", ratio <= 3),
        row("no-op full resync: rows written", count(r.noop_full.rows), "0", r.noop_full.rows == 0),
        row("no-op full resync: wall time", _wall(r.noop_full)),
        _events_row(row, "no-op events resync", r.noop_events, 0),
        _change_row(row, "1 % change, full resync: rows written", r.change_full),
        row("1 % change, full resync: wall time", _wall(r.change_full.run)),
        _change_row(row, "1 % change, events sync: rows written", r.change_events),
        _speedup_row(row, r.change_full, r.change_events),
        _change_row(
            row, "1 % change, the worker's first events sync: rows written", r.first_events
        ),
        _first_events_row(row, r.change_full, r.first_events),
    ]
    return rows


def _wall(run: DistrictRun) -> str:
    problems = f", error: {run.error}" if run.error else ""
    return f"{seconds(run.seconds)} ({run.teachers_synced:,} teachers, {run.path}){problems}"


def _rows(run: DistrictRun) -> str:
    tables = ", ".join(f"{t} {count(n)}" for t, n in sorted(run.rows_by_table.items()) if n)
    return f"{count(run.rows)} ({tables})" if tables else count(run.rows)


def _events_row(row: Callable[..., Row], name: str, run: DistrictRun | None, target: int) -> Row:
    if run is None:
        return row(f"{name}: rows written", "n/a (events sync not in this build)", "0")
    return row(f"{name}: rows written", f"{count(run.rows)} in {_wall(run)}", "0", run.rows == 0)


def _change_row(row: Callable[..., Row], name: str, change: ChangeRun | None) -> Row:
    if change is None:
        return row(name, "n/a (events sync not in this build)", "= changed rows")
    got = change.run.rows
    return row(
        name,
        f"{count(got)} of {count(change.expected)} changed rows ({change.run.path})",
        "= changed rows",
        got == change.expected,
    )


def _speedup_row(row: Callable[..., Row], full: ChangeRun, events: ChangeRun | None) -> Row:
    name = "1 % change: events sync vs full resync"
    if events is None:
        return row(name, "n/a (events sync not in this build)", "≥ 10x faster")
    speedup = full.run.seconds / events.run.seconds if events.run.seconds else float("inf")
    detail = f"{speedup:.1f}x ({seconds(events.run.seconds)} vs {seconds(full.run.seconds)})"
    return row(name, detail, "≥ 10x faster", speedup >= 10 and events.run.path == "events")


def _first_events_row(row: Callable[..., Row], full: ChangeRun, first: ChangeRun | None) -> Row:
    """Informational: the first events sync of a worker builds and prepares the statements
    only events use; every later one finds them ready."""
    name = "1 % change, the worker's first events sync: wall time"
    if first is None:
        return row(name, "n/a (events sync not in this build)")
    speedup = full.run.seconds / first.run.seconds if first.run.seconds else float("inf")
    return row(name, f"{_wall(first.run)}; {speedup:.1f}x faster than the full resync")


def _label(backend: str) -> str:
    return "Postgres" if backend == "postgres" else "SQLite"
