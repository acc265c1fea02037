"""The GraphQL measurements as table rows, with their targets."""

from __future__ import annotations

from bench.graphql import SHAPE, ServiceLoad, Statements
from bench.load import LoadResult
from bench.table import Row, percentile

AREA = "GraphQL roster"


def service_rows(
    database: str, statements: Statements, service: ServiceLoad, floor: LoadResult, bare: LoadResult
) -> list[Row]:
    def row(measurement: str, result: str, target: str = "", met: bool | None = None) -> Row:
        return Row(AREA, measurement, database, SHAPE, result, target, met)

    beyond = statements.roster - statements.session
    uncached, cached, cold = service.uncached, service.cached, service.cold
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
        row("uncached ÷ strawberry floor", f"{share:.2f} of its req/s", "≥ 0.8", share >= 0.8),
        row(
            "uncached, every roster read from storage",
            f"{cold.summary()}; {cold_share:.2f} of the strawberry floor",
        ),
    ]
    target = "≥ 0.5 x bare, p99 < 20 ms"
    if not statements.cache_answers:
        note = "n/a (no response cache in this build; repeated: "
        return [*rows, row("cached: 20 clients, one worker", f"{note}{cached.summary()})", target)]
    bare_share = cached.per_second / bare.per_second if bare.per_second else 0.0
    p99 = percentile(cached.latencies, 0.99)
    return [
        *rows,
        row("cached: 20 clients, one worker", cached.summary()),
        row(
            "cached ÷ bare floor, p99",
            f"{bare_share:.2f} of its req/s, p99 {p99 * 1000:.1f} ms",
            target,
            bare_share >= 0.5 and p99 < 0.020,
        ),
    ]


def floor_rows(strawberry: LoadResult, bare: LoadResult) -> list[Row]:
    return [
        Row(AREA, "floor: strawberry on in-memory objects", "memory", SHAPE, strawberry.summary()),
        Row(AREA, "floor: bare Starlette endpoint, same JSON", "—", SHAPE, bare.summary()),
    ]
