"""District sync measurements: cold, unchanged and after a 1 % change, in the bench's sync worker."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.database import BenchDatabase, postgres_rows_written
from bench.fetch import DistrictPages
from bench.sandbox import SandboxProcess
from bench.worker import SyncWorker, bench_settings, flush_row_counts, run_job


@dataclass
class DistrictRun:
    seconds: float
    requests: int
    rows: int
    peak_rss_mib: float
    rss_before_mib: float
    statuses: dict[str, int] = field(default_factory=dict)
    rows_by_table: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    events_wired: bool = False
    path: str = "full"  # or "events": how the job read Clever

    @property
    def teachers_synced(self) -> int:
        return sum(self.statuses.values())


def start_rostering(database: BenchDatabase, sandbox: SandboxProcess, pages: DistrictPages) -> None:
    """Every teacher has synced once (rostering started) and the district has Premium."""
    import bootstrap
    from adapters.clever.fields import Fields
    from adapters.clever.records import person_from
    from application.premium_grants import GrantPremiumCommand
    from domain.licensing import LicenseScope
    from domain.roster import Teacher

    services = bootstrap.build(bench_settings(database.url, sandbox.url))
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, sandbox.district_id))
    with services.uow() as uow:
        for record in pages.teachers:
            person = person_from(Fields(record), sandbox.district_id, "teacher")
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
        uow.commit()
    engine = services.extras["engine"]
    flush_row_counts(engine)  # the teachers recorded here are not the cold sync's rows
    engine.dispose()


def sync_district(
    database: BenchDatabase, sandbox: SandboxProcess, full: bool, worker: SyncWorker | None = None
) -> DistrictRun:
    """The district job in ``worker`` (without one, in this process); rows written as the
    server (or SQLite) counts them. ``full`` forgets a saved event cursor first, so the job
    pulls the whole district."""
    before = postgres_rows_written(database) if database.backend == "postgres" else Counter()
    requests_before = sandbox.requests_served()
    job: dict[str, Any] = {
        "task": "sync_district",
        "database_url": database.url,
        "sandbox_url": sandbox.url,
        "district_id": sandbox.district_id,
        "full": full,
    }
    result = run_job(job) if worker is None else worker.run(job)
    requests = sandbox.requests_served() - requests_before
    if database.backend == "postgres":
        rows = postgres_rows_written(database) - before
    else:
        rows = Counter(result["rows"])
    listed_sections = any(e.endswith("/sections") for e in requests)
    return DistrictRun(
        seconds=result["seconds"],
        requests=sum(requests.values()),
        rows=sum(rows.values()),
        peak_rss_mib=result["peak_rss_mib"],
        rss_before_mib=result["rss_before_mib"],
        statuses=result["statuses"],
        rows_by_table=dict(rows),
        error=result["error"],
        events_wired=result["events_wired"],
        path="full" if listed_sections else "events",
    )
