"""`make bench ARGS=--quick` (`python -m bench --quick`) runs end to end and prints a row for every measurement.

Nothing here checks a time: speed is read from the table, never asserted in a test."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from bench.__main__ import bench
from bench.database import postgres_unreachable_reason

DISTRICT = (
    "full cold sync: wall time",
    "full cold sync: Clever requests",
    "full cold sync: rows written",
    "full cold sync: peak RSS",
    "floor: fetch (bare httpx + json)",
    "floor: bulk load",
    "full cold sync ÷ floor",
    "no-op full resync: rows written",
    "no-op full resync: wall time",
    "no-op events resync: rows written",
    "1 % change, full resync: rows written",
    "1 % change, full resync: wall time",
    "1 % change, events sync: rows written",
    "1 % change: events sync vs full resync",
)
TEACHER = (
    "manual sync: Clever requests",
    "manual sync, first: latency p50 / p95",
    "manual sync, again: latency p50 / p95",
)
GRAPHQL = (
    "SQL statements per query",
    "uncached: 20 clients, one worker",
    "uncached ÷ strawberry floor",
    "cached: 20 clients, one worker",
)
FLOORS = (
    ("floor: strawberry on in-memory objects", "memory"),
    ("floor: bare Starlette endpoint, same JSON", "—"),
)


@pytest.mark.slow
def test_quick_bench_prints_every_measurement() -> None:
    reason = postgres_unreachable_reason()
    if reason and os.environ.get("ROSTERSYNC_REQUIRE_SERVICES") == "1":
        pytest.fail(reason)
    databases = ["SQLite"] if reason else ["Postgres", "SQLite"]

    result = CliRunner().invoke(bench, ["--quick"])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()

    def printed(measurement: str, database: str) -> bool:
        return any(measurement in line and f" {database} " in line for line in lines)

    expected = [(m, db) for db in databases for m in (*DISTRICT, *TEACHER)]
    expected += [(m, databases[0]) for m in GRAPHQL]
    expected += list(FLOORS)
    missing = [pair for pair in expected if not printed(*pair)]
    assert missing == [], result.stdout
    assert "Traceback" not in result.output
    if reason:
        assert "SQLite only" in result.stdout
