"""The district measurements for one size and one database: cold, floor, no-op, 1 % change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bench.changes import expected_rows
from bench.database import analyse_roster_tables, new_database
from bench.district import DistrictRun, start_rostering, sync_district
from bench.fetch import DistrictPages, fetch_district
from bench.floor import floor_rows, load_floor
from bench.sandbox import SandboxProcess
from bench.table import Row, count, seconds, students
from bench.worker import SyncWorker

BIG_DISTRICT = 50_000  # the size the absolute targets are set for
CHANGE_FRACTION = 0.01
# The 1 % change is timed this many times for each kind of sync, alternately, and the median
# run of each kind is shown: one run of a 40 ms job moves by a fifth from run to run, and on a
# shared two-core machine one run in three or four can move by half.
CHANGE_REPEATS = 5
Progress = Callable[[str], None]


@dataclass
class ChangeRun:
    """A sync after a change of its own; ``others``: the repeats it is the median of."""

    run: DistrictRun
    expected: int
    others: list[ChangeRun] = field(default_factory=list)

    @property
    def all_exact(self) -> bool:
        return all(c.run.rows == c.expected for c in (self, *self.others))

    @property
    def repeats(self) -> int:
        return 1 + len(self.others)


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
        analyse_roster_tables(database)  # as autovacuum's next round would, untimed
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
        events_runs: list[ChangeRun] = []
        full_runs: list[ChangeRun] = []
        repeats = 1 if in_process else CHANGE_REPEATS
        for repeat in range(repeats):
            seeds = seed + 10 * (repeat + 1)
            if cold.events_wired:
                say(f"{backend} {size:,}: 1 % change, events sync ({repeat + 1} of {repeats})")
                events_runs.append(_changed(sandbox, seeds, sync, full=False))
            say(f"{backend} {size:,}: 1 % change, full resync ({repeat + 1} of {repeats})")
            full_runs.append(_changed(sandbox, seeds + 1, sync, full=True))
        change_events = _median(events_runs) if events_runs else None
        change_full = _median(full_runs)
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


def _median(runs: list[ChangeRun]) -> ChangeRun:
    ordered = sorted(runs, key=lambda c: c.run.seconds)
    middle = ordered[len(ordered) // 2]
    middle.others = [c for c in runs if c is not middle]
    return middle


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
    result = f"{count(got)} of {count(change.expected)} changed rows ({change.run.path})"
    if change.repeats > 1:
        others = ", ".join(f"{count(c.run.rows)} of {count(c.expected)}" for c in change.others)
        result += f"; the other runs: {others}"
    return row(name, result, "= changed rows", change.all_exact)


def _speedup(full: ChangeRun, events: ChangeRun) -> float:
    """How many times faster the events sync was than the full resync."""
    return full.run.seconds / events.run.seconds if events.run.seconds else float("inf")


def _speedup_row(row: Callable[..., Row], full: ChangeRun, events: ChangeRun | None) -> Row:
    name = "1 % change: events sync vs full resync"
    if events is None:
        return row(name, "n/a (events sync not in this build)", "≥ 10x faster")
    speedup = _speedup(full, events)
    detail = f"{speedup:.1f}x ({seconds(events.run.seconds)} vs {seconds(full.run.seconds)})"
    if events.repeats > 1 or full.repeats > 1:
        detail += f", medians of {events.repeats} and {full.repeats} runs: " + _spread(events, full)
    paths = {c.run.path for c in (events, *events.others)}
    return row(name, detail, "≥ 10x faster", speedup >= 10 and paths == {"events"})


def _spread(events: ChangeRun, full: ChangeRun) -> str:
    """Every run's time, so the median's company shows."""

    def times(change: ChangeRun) -> str:
        runs = sorted((change, *change.others), key=lambda c: c.run.seconds)
        return " / ".join(seconds(c.run.seconds) for c in runs)

    return f"events {times(events)}, full {times(full)}"


def _first_events_row(row: Callable[..., Row], full: ChangeRun, first: ChangeRun | None) -> Row:
    """Informational: the first events sync of a worker builds and prepares the statements
    only events use; every later one finds them ready."""
    name = "1 % change, the worker's first events sync: wall time"
    if first is None:
        return row(name, "n/a (events sync not in this build)")
    speedup = _speedup(full, first)
    return row(name, f"{_wall(first.run)}; {speedup:.1f}x faster than the full resync")


def _label(backend: str) -> str:
    return "Postgres" if backend == "postgres" else "SQLite"
