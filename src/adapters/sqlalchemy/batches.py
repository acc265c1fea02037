"""Set-based SQL helpers: chunked id lists and dialect-aware upserts."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

# Well under SQLite's 32766 and Postgres's 65535 bind parameters per statement.
CHUNK = 5000
T = TypeVar("T")


def chunks(items: Collection[T], size: int = CHUNK) -> Iterator[list[T]]:
    ordered = sorted(items) if isinstance(items, set | frozenset) else list(items)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def dialect_insert(bind: Connection | Engine, table: Table) -> Any:
    """An INSERT that knows ON CONFLICT on both supported dialects."""
    if bind.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    key: Sequence[str],
    compared: Sequence[str],
    also_set: Sequence[str] = (),
) -> None:
    """Insert new rows; update existing ones only where a compared column really differs,
    so rewriting unchanged data touches no row at all."""
    if not rows:
        return
    stmt: Insert = dialect_insert(conn, table)
    excluded = stmt.excluded  # type: ignore[attr-defined]
    current = tuple_(*(table.c[name] for name in compared))
    incoming = tuple_(*(excluded[name] for name in compared))
    stmt = stmt.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=list(key),
        set_={name: excluded[name] for name in (*compared, *also_set)},
        where=current.is_distinct_from(incoming),
    )
    for batch in chunks(rows, 1000):
        conn.execute(stmt, batch)
