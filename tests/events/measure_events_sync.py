"""Requests and time of the district job after a 1 % change: events sync vs full resync.

    python -m tests.events.measure_events_sync [--students 5000] [--fraction 0.01] [--memory]
        [--page-size 10000]

Both start from the same database copy (every section owner rostering, one full sync done) and
apply the same sandbox change; --memory adds tracemalloc peaks (slower, so timed separately).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import bootstrap
from adapters.sqlalchemy.sync_cursors import SqlAlchemySyncCursorStore
from application.premium_grants import GrantPremiumCommand
from application.sync_district import SyncDistrictCommand
from clever_sandbox.server import serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from tests.events.world import mark_rostering, section_owners, settings_for


def start_rostering(services: bootstrap.Services, sandbox: Sandbox) -> None:
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, sandbox.districts[0]))
    mark_rostering(services, sandbox, section_owners(sandbox))


def measured(services: bootstrap.Services, sandbox: Sandbox, memory: bool) -> dict[str, Any]:
    sandbox.requests.reset()
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    result = services.sync_district(SyncDistrictCommand(sandbox.districts[0]))
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if memory else None
    if memory:
        tracemalloc.stop()
    assert result.error is None, result.error
    return {
        "seconds": round(seconds, 3),
        "requests": sandbox.requests.total,
        "by_endpoint": sandbox.requests.by_endpoint,
        "teacher_runs": len(result.runs),
        "triggers": sorted({run.trigger.value for run in result.runs}),
        "enrolled": sum(run.counts.students_enrolled for run in result.runs),
        "dropped": sum(run.counts.students_dropped for run in result.runs),
        "peak_traced_mib": round(peak, 1) if peak is not None else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    parser.add_argument("--fraction", type=float, default=0.01)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--page-size", type=int, default=10_000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="events-measure-"))
    with serve_in_thread(Sandbox(seed=1, students=args.students)) as clever:
        sandbox = clever.sandbox
        base = workdir / "base.db"

        def services_on(path: Path) -> bootstrap.Services:
            settings = settings_for(f"sqlite:///{path}", clever.url)
            bootstrap.migrate(settings)
            services = bootstrap.build(settings)
            services.directory.api.page_size = args.page_size  # type: ignore[attr-defined]
            return services

        primed = services_on(base)
        start_rostering(primed, sandbox)
        first = measured(primed, sandbox, memory=False)
        primed.extras["engine"].dispose()
        changed = sandbox.change_fraction(args.fraction, seed=1)
        report: dict[str, Any] = {
            "students": args.students,
            "page_size": args.page_size,
            "sections": len(sandbox.sections()),
            "teachers_rostering": first["teacher_runs"],
            "records_changed": changed,
            "events": len(sandbox.events()),
            "first_full_sync": first,
        }
        for name in ("events_sync", "full_resync"):
            copy = workdir / f"{name}.db"
            for suffix in ("", "-wal"):
                if Path(f"{base}{suffix}").exists():
                    shutil.copy(f"{base}{suffix}", f"{copy}{suffix}")
            services = services_on(copy)
            if name == "full_resync":
                SqlAlchemySyncCursorStore(services.extras["engine"]).forget(sandbox.districts[0])
            report[name] = measured(services, sandbox, args.memory)
            services.extras["engine"].dispose()
    shutil.rmtree(workdir)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
