"""The full district sync against its floor, one row per district size: cold and no-op time,
each over the floor of the same run, peak RSS and Clever requests.

    .venv/bin/python -m bench.scale --students 5000 --students 50000 --students 200000

Per size: the sandbox in a process of its own, a throw-away database (Postgres unless
``--sqlite``), the district read with bare httpx (the fetch floor) and every teacher made a
rostering one; then the cold sync in a fresh sync worker, the same rows bulk-loaded into an
empty twin (the write floor) and a no-op resync in the same worker. The floor is the fetch
floor plus the write floor; the no-op resync writes nothing, and its ratio uses the same floor.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass

from bench.database import new_database, postgres_unreachable_reason
from bench.district import DistrictRun, start_rostering, sync_district
from bench.district_suite import _write_floor
from bench.fetch import fetch_district
from bench.sandbox import start_sandbox
from bench.table import seconds
from bench.worker import SyncWorker

COLD_RATIO = 3.0
NOOP_RATIO = 1.5
RSS_MIB = 500.0


@dataclass
class ScaleRow:
    size: int
    cold: DistrictRun
    noop: DistrictRun
    fetch_seconds: float
    load_seconds: float
    floor_rows: int
    load_average: str

    @property
    def floor(self) -> float:
        return self.fetch_seconds + self.load_seconds

    def line(self) -> str:
        cold, noop = self.cold.seconds / self.floor, self.noop.seconds / self.floor
        met = (
            cold <= COLD_RATIO
            and noop <= NOOP_RATIO
            and self.cold.peak_rss_mib < RSS_MIB
            and self.noop.rows == 0
            and not (self.cold.error or self.noop.error)
        )
        cells = [
            f"{self.size:,}",
            seconds(self.cold.seconds),
            f"{seconds(self.floor)} ({seconds(self.fetch_seconds)} + {seconds(self.load_seconds)})",
            f"{cold:.2f}x",
            seconds(self.noop.seconds),
            f"{noop:.2f}x",
            f"{_rss(self.cold)} / {_rss(self.noop)}",
            f"{self.cold.requests} / {self.noop.requests}",
            f"{self.cold.rows:,} / {self.noop.rows:,}",
            self.load_average,
            "met" if met else "missed",
        ]
        return "| " + " | ".join(cells) + " |"


HEADER = (
    "| students | cold sync | floor (fetch + load) | cold ÷ floor | no-op resync | no-op ÷ floor "
    "| peak RSS cold / no-op (at start) | Clever requests cold / no-op | rows written cold / no-op "
    "| load average | targets |\n" + "|---" * 11 + "|"
)


def measure(size: int, backend: str, seed: int) -> ScaleRow:
    sandbox = start_sandbox(size, seed)
    database = new_database(backend)
    worker = SyncWorker()
    try:
        pages = fetch_district(sandbox.url, sandbox.token)
        start_rostering(database, sandbox, pages)
        cold = sync_district(database, sandbox, True, worker)
        load_seconds, loaded = _write_floor(backend, pages)
        fetch_seconds = pages.seconds
        del pages
        noop = sync_district(database, sandbox, True, worker)
        return ScaleRow(size, cold, noop, fetch_seconds, load_seconds, loaded, _load_average())
    finally:
        worker.close()
        database.drop()
        sandbox.stop()


def _rss(run: DistrictRun) -> str:
    return f"{run.peak_rss_mib:.0f} MiB ({run.rss_before_mib:.0f})"


def _load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, action="append", default=None)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of Postgres")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    backend = "sqlite" if args.sqlite else "postgres"
    if backend == "postgres" and (reason := postgres_unreachable_reason()):
        sys.exit(reason)
    print(
        f"{backend}; targets: cold ≤ {COLD_RATIO}x floor, no-op ≤ {NOOP_RATIO}x floor, "
        f"peak RSS < {RSS_MIB:.0f} MiB; load average at the start {_load_average()}"
    )
    print(HEADER, flush=True)
    for size in args.students or [5_000]:
        print(measure(size, backend, args.seed).line(), flush=True)


if __name__ == "__main__":
    main()
