"""Where a full district sync's memory goes: the live allocations, by source line, at the
largest of the moments sampled (when each batch of teachers starts and ends being applied),
for one or more district sizes. Compare sizes to see which sites grow faster than the district.

    .venv/bin/python -m bench.scale_memory --students 10000 --students 40000

Runs the sandbox in a process of its own and the sync in this one, on a throw-away SQLite
file, under tracemalloc (several times slower than a plain run: a profile, not a timing).
"""

from __future__ import annotations

import argparse
import gc
import tracemalloc
from collections.abc import Callable
from typing import Any

from bench.database import new_sqlite_database
from bench.district import start_rostering
from bench.fetch import fetch_district
from bench.sandbox import start_sandbox
from bench.worker import bench_settings

TOP = 12


def profile(students: int) -> tuple[int, list[tuple[str, int]]]:
    """Peak traced bytes; the moment sampled with the most live bytes, and its top sites."""
    import bootstrap
    from application.sync_district import SyncDistrictCommand
    from application.sync_runs import RunRecorder
    from domain.sync_run import SyncTrigger

    sandbox = start_sandbox(students)
    database = new_sqlite_database()
    try:
        start_rostering(database, sandbox, fetch_district(sandbox.url, sandbox.token))
        services = bootstrap.build(bench_settings(database.url, sandbox.url))
        services.directory.connected_district_ids()
        sites: list[tuple[str, int]] = []
        largest = [0]
        original: Callable[..., Any] = RunRecorder.apply_many

        def sample(moment: str) -> None:
            current, _ = tracemalloc.get_traced_memory()
            if current <= largest[0]:
                return
            largest[0] = current
            sites.clear()
            sites.append((f"everything live ({moment})", current))
            for stat in tracemalloc.take_snapshot().statistics("lineno")[:TOP]:
                frame = stat.traceback[0]
                sites.append((f"{frame.filename.split('/src/')[-1]}:{frame.lineno}", stat.size))

        def apply_many(self: RunRecorder, *args: Any, **kwargs: Any) -> Any:
            sample("a batch starts")
            try:
                return original(self, *args, **kwargs)
            finally:
                sample("a batch ends")

        RunRecorder.apply_many = apply_many  # type: ignore[method-assign]
        gc.collect()
        tracemalloc.start(1)
        try:
            services.sync_district(SyncDistrictCommand(sandbox.district_id, SyncTrigger.SCHEDULED))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            RunRecorder.apply_many = original  # type: ignore[method-assign]
        services.extras["engine"].dispose()
        return peak, sites
    finally:
        database.drop()
        sandbox.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, action="append", default=None)
    sizes = parser.parse_args().students or [10_000]
    for students in sizes:
        peak, sites = profile(students)
        print(
            f"\n{students:,} students: traced peak {peak / 2**20:.1f} MiB "
            f"({peak / students / 1024:.2f} KiB a student); the largest moment sampled:"
        )
        for site, size in sites:
            print(f"  {size / 2**20:8.1f} MiB  {site}")


if __name__ == "__main__":
    main()
