"""The GraphQL measurements as table rows, with their targets."""

from __future__ import annotations

from bench.graphql import SHAPE, ServiceLoad, Statements
from bench.load import LoadResult
from bench.table import Row, percentile

AREA = "GraphQL roster"


def service_rows(
    database: str, statements: Statements, service: ServiceLoad, bare: LoadResult
) -> list[Row]:
    def row(measurement: str, result: str, target: str = "", met: bool | None = None) -> Row:
        return Row(AREA, measurement, database, SHAPE, result, target, met)

    beyond = statements.roster - statements.session
    uncached, cached, cold, floor = service.uncached, service.cached, service.cold, service.floor
    share = uncached.per_second / floor.per_second if floor.per_second else 0.0
    cold_share = cold.per_second / floor.per_second if floor.per_second else 0.0
    rows = [
        row(
            "SQL statements per query",
            f"{statements.roster} ({statements.session} for the session, {beyond} for the "
            f"roster); the same query again: {statements.repeated}",
            "≤ 4 beyond the session",
            beyond <= 4,
        ),
        row("uncached: 20 clients, one worker", uncached.summary()),
        row(
            "uncached ÷ strawberry floor",
            f"{share:.2f} of its req/s ({floor.per_second:,.0f} req/s in turns with it)",
            "≥ 0.8",
            share >= 0.8,
        ),
        row(
            "uncached, every roster read from storage",
            f"{cold.summary()}; {cold_share:.2f} of the strawberry floor",
        ),
    ]
    target = "≥ 0.25 x bare, p99 < 20 ms"
    bare_share = cached.per_second / bare.per_second if bare.per_second else 0.0
    p99 = percentile(cached.latencies, 0.99)
    revalidated = service.not_modified
    return [
        *rows,
        row("cached: 20 clients, one worker", cached.summary()),
        row(
            "cached ÷ bare floor, p99",
            f"{bare_share:.2f} of its req/s, p99 {p99 * 1000:.1f} ms",
            target,
            bare_share >= 0.25 and p99 < 0.020,
        ),
        row("304 (If-None-Match): 20 clients, one worker", revalidated.summary()),
    ]


def floor_rows(strawberry: LoadResult, bare: LoadResult) -> list[Row]:
    return [
        Row(AREA, "floor: strawberry on in-memory objects", "memory", SHAPE, strawberry.summary()),
        Row(AREA, "floor: bare Starlette endpoint, same JSON", "—", SHAPE, bare.summary()),
    ]
