"""A teacher pressing "Sync with Clever": Clever requests and latency, first sync and again."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from bench.database import new_database
from bench.fetch import DistrictPages, sections_by_member
from bench.sandbox import SandboxProcess
from bench.table import Row, count, median, millis, percentile
from bench.worker import bench_settings

SECTIONS, STUDENTS = 6, 30  # the shape the measurement is specified for


@dataclass
class TeacherSyncs:
    backend: str
    shape: str
    first: list[float] = field(default_factory=list)
    again: list[float] = field(default_factory=list)
    requests_first: list[int] = field(default_factory=list)
    requests_again: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def pick_teachers(pages: DistrictPages, wanted: int) -> tuple[list[str], str]:
    """Teachers closest to 6 sections of 30 students, and their average shape."""
    taught = sections_by_member(pages)

    def distance(teacher_id: str) -> tuple[int, float, str]:
        sections = taught[teacher_id]
        seats = sum(len(s.get("students") or []) for s in sections) / len(sections)
        return abs(len(sections) - SECTIONS), abs(seats - STUDENTS), teacher_id

    chosen = sorted(taught, key=distance)[:wanted]
    sections = [s for t in chosen for s in taught[t]]
    per_teacher = len(sections) / max(1, len(chosen))
    per_section = sum(len(s.get("students") or []) for s in sections) / max(1, len(sections))
    return chosen, f"{per_teacher:.1f} sections x {per_section:.0f} students"


def measure_teacher_syncs(
    sandbox: SandboxProcess, backend: str, pages: DistrictPages, teachers: int
) -> TeacherSyncs:
    import bootstrap
    from application.premium_grants import GrantPremiumCommand
    from application.results import SyncStarted
    from application.sync_teacher import SyncTeacherCommand
    from domain.licensing import LicenseScope

    chosen, shape = pick_teachers(pages, teachers)
    result = TeacherSyncs(backend, shape)
    database = new_database(backend)
    services = bootstrap.build(bench_settings(database.url, sandbox.url))
    try:
        services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, sandbox.district_id))
        services.directory.connected_district_ids()  # the token list is read once per process
        for times, requests in (
            (result.first, result.requests_first),
            (result.again, result.requests_again),
        ):
            for teacher_id in chosen:
                before = sandbox.requests_served()
                started = time.perf_counter()
                outcome = services.sync_teacher(SyncTeacherCommand(teacher_id))
                times.append(time.perf_counter() - started)
                requests.append(sum((sandbox.requests_served() - before).values()))
                if not isinstance(outcome, SyncStarted) or outcome.run.status.value == "failed":
                    result.failures.append(f"{teacher_id}: {outcome}")
    finally:
        services.extras["engine"].dispose()
        database.drop()
    return result


def teacher_rows(r: TeacherSyncs) -> list[Row]:
    db = "Postgres" if r.backend == "postgres" else "SQLite"

    def row(measurement: str, result: str) -> Row:
        return Row("teacher sync", measurement, db, r.shape, result)

    failed = f"; {len(r.failures)} failed: {r.failures[0]}" if r.failures else ""
    return [
        row(
            "manual sync: Clever requests",
            f"first {count(int(median(r.requests_first)))}, again "
            f"{count(int(median(r.requests_again)))} (median of {len(r.first)} teachers){failed}",
        ),
        row(
            "manual sync, first: latency p50 / p95",
            f"{millis(percentile(r.first, 0.5))} / {millis(percentile(r.first, 0.95))}",
        ),
        row(
            "manual sync, again: latency p50 / p95",
            f"{millis(percentile(r.again, 0.5))} / {millis(percentile(r.again, 0.95))}",
        ),
    ]
