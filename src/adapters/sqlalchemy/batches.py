"""Set-based SQL helpers: chunked id lists and dialect-aware upserts."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, select, true, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from adapters.sqlalchemy.json_rows import JsonRows, dialect_name

# Well under SQLite's 32766 and Postgres's 65535 bind parameters per statement.
CHUNK = 5000
T = TypeVar("T")
Merge = Callable[[Any, Any], Any]  # (stored column, incoming column) -> the value to store


def chunks(items: Collection[T], size: int = CHUNK) -> Iterator[list[T]]:
    ordered = sorted(items) if isinstance(items, set | frozenset) else list(items)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def dialect_insert(bind: Connection | Engine | str, table: Table) -> Any:
    """An INSERT that knows ON CONFLICT on both supported dialects (``bind`` may be the
    dialect's name)."""
    if dialect_name(bind) == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    key: Sequence[str],
    compared: Sequence[str],
    also_set: Sequence[str] = (),
    merged: Mapping[str, Merge] | None = None,
) -> None:
    """Insert new rows; update existing ones only where a compared column really differs,
    so rewriting unchanged data touches no row at all. ``merged`` gives, for some compared
    columns, the value to keep from the stored column and the incoming (excluded) one.
    Set-based: one statement per thousands of rows (the last of rows sharing a key wins)."""
    if not rows:
        return
    unique = list({tuple(row[k] for k in key): row for row in rows}.values())
    names = tuple(unique[0])
    merges = tuple(sorted((merged or {}).items()))
    source, stmt = _upsert_statement(
        conn.dialect.name, table, names, tuple(key), tuple(compared), tuple(also_set), merges
    )
    source.execute(conn, stmt, [[row[name] for name in names] for row in unique])


# JSON rows: executemany is 2.0-5.8x slower on PG at 10k-100k (docs/benchmarks.md, "Persistence")
@functools.cache
def _upsert_statement(
    dialect: str,
    table: Table,
    names: tuple[str, ...],
    key: tuple[str, ...],
    compared: tuple[str, ...],
    also_set: tuple[str, ...],
    merges: tuple[tuple[str, Merge], ...],
) -> tuple[JsonRows, Any]:
    """Built once per dialect and shape: only the rows change from one call to the next."""
    source = JsonRows(dialect, [table.c[name] for name in names])
    picked = select(*(source.c[name] for name in names)).select_from(source.source)
    stmt: Insert = dialect_insert(dialect, table).from_select(names, picked.where(true()))
    excluded = stmt.excluded  # type: ignore[attr-defined]
    merge = dict(merges)
    new_values = {
        name: merge[name](table.c[name], excluded[name]) if name in merge else excluded[name]
        for name in (*compared, *also_set)
    }
    current = tuple_(*(table.c[name] for name in compared))
    incoming = tuple_(*(new_values[name] for name in compared))
    stmt = stmt.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=list(key),
        set_=new_values,
        where=current.is_distinct_from(incoming),
    )
    return source, stmt
