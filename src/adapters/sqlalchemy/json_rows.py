"""Many rows as one JSON parameter that the database unpacks itself (set-based bulk writes).

``INSERT … SELECT … FROM jsonb_array_elements(:rows)`` (Postgres) or ``json_each(:rows)``
(SQLite) sends a thousand rows in one statement and one bind parameter: no per-row round trip,
no per-row statement, and a single ``RETURNING`` for the rows really written.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    Column,
    ColumnElement,
    Connection,
    Date,
    Engine,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    func,
    insert,
    select,
)
from sqlalchemy import literal_column as literal
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Row
from sqlalchemy.sql import Executable, FromClause
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.functions import Function

from adapters.sqlalchemy.types import UTCDateTime

# SQLAlchemy's own text form of a SQLite DATETIME, so rows written either way compare equal.
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
ROWS_PER_STATEMENT = 10_000


class JsonRows:
    """A row source with the name, type and order of ``columns``; rows are sequences."""

    def __init__(self, dialect: Connection | str, columns: Sequence[Column[Any]]) -> None:
        """``dialect``: a connection, or the name of its SQL dialect for a statement built
        once (the rows are only given at execution)."""
        self.postgres = dialect_name(dialect) == "postgresql"
        self.columns = list(columns)
        self.param = bindparam("json_rows", type_=Text)
        function: Function[Any] = (
            # jsonb: the document is parsed once. A json value is parsed again by every
            # ``->>``, which made a row's columns cost as many parses as there are columns.
            func.jsonb_array_elements(cast(self.param, JSONB))
            if self.postgres
            else func.json_each(self.param)
        )
        self.source: FromClause = function.table_valued("value").alias("incoming")
        self.c = {col.name: self._column(i, col) for i, col in enumerate(self.columns)}

    def _column(self, index: int, col: Column[Any]) -> ColumnElement[Any]:
        value = self.source.c.value
        if not self.postgres:
            return func.json_extract(value, f"$[{index}]", type_=col.type).label(col.name)
        if isinstance(col.type, JSON):
            return cast(value.op("->")(literal(str(index))), col.type).label(col.name)
        return cast(value.op("->>")(literal(str(index))), col.type).label(col.name)

    def chunks(self, rows: Sequence[Sequence[Any]]) -> Iterable[dict[str, str]]:
        """Execution parameters: one JSON document per ``ROWS_PER_STATEMENT`` rows."""
        converters = self._converters()
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            batch = rows[start : start + ROWS_PER_STATEMENT]
            if converters:
                batch = [_converted(row, converters) for row in batch]
            yield {"json_rows": json.dumps(batch, separators=(",", ":"))}

    def execute(
        self, conn: Connection, stmt: Executable, rows: Sequence[Sequence[Any]], **more: Any
    ) -> list[Row[Any]]:
        """``stmt`` over ``rows``, a statement per ``ROWS_PER_STATEMENT``, with the parameters
        ``more`` besides the rows; the rows it returns, if it returns any."""
        found: list[Row[Any]] = []
        for params in self.chunks(rows):
            result = conn.execute(stmt, {**params, **more})
            if result.returns_rows:
                found.extend(result)
        return found

    def _converters(self) -> list[tuple[int, Callable[[Any], Any]]]:
        """Only timestamps, dates (and JSON on SQLite) need work; every other value is JSON as it is."""
        converters: list[tuple[int, Callable[[Any], Any]]] = []
        for index, col in enumerate(self.columns):
            if isinstance(col.type, UTCDateTime):
                converters.append((index, _timestamp(self.postgres)))
            elif isinstance(col.type, Date):
                converters.append((index, _day))
            elif isinstance(col.type, JSON) and not self.postgres:
                converters.append((index, _stored_json))
        return converters


def _converted(row: Sequence[Any], converters: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    values = list(row)
    for index, convert in converters:
        values[index] = convert(values[index])
    return values


def _timestamp(postgres: bool) -> Callable[[datetime | None], str | None]:
    seen: dict[datetime, str] = {}

    def text(value: datetime | None) -> str | None:
        if value is None:
            return None
        if value not in seen:
            utc = value.astimezone(UTC)
            seen[value] = utc.isoformat() if postgres else utc.strftime(SQLITE_DATETIME)
        return seen[value]

    return text


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _stored_json(value: Any) -> str | None:
    """The text SQLAlchemy's JSON type would store on SQLite, so equal values compare equal."""
    return None if value is None else json.dumps(value)


def dialect_name(bind: Connection | Engine | str) -> str:
    """The SQL dialect's name of a connection or engine; a name stays as it is."""
    return bind if isinstance(bind, str) else bind.dialect.name


def listed_in(column: ColumnElement[Any], dialect: str, key: str = "ids") -> ColumnElement[bool]:
    """``column IN ids`` with the ids as one bind parameter ``key``, given at execution as
    ``id_list(conn, ids)``: the statement never changes (nor is parsed anew) with their number."""
    return _member(column, dialect, ids_param(key, column, dialect))


def id_list(conn: Connection, ids: Collection[str]) -> list[str] | str:
    """The value of an id-list parameter: an array on Postgres, JSON text on SQLite."""
    values = sorted(set(ids))
    return values if conn.dialect.name == "postgresql" else json.dumps(values)


def unpacked(param: BindParameter[Any], dialect: str) -> ColumnElement[Any]:
    """The ids of an id-list parameter, one row each."""
    if dialect == "postgresql":
        return func.unnest(param)
    return func.json_each(param).table_valued("value").c.value


def ids_param(
    key: str | None, column: ColumnElement[Any], dialect: str, value: Any = None
) -> BindParameter[Any]:
    """An id-list parameter of ``column``'s ids: named ``key`` with its value (``id_list``)
    given at execution, or anonymous with ``value``."""
    kind = ARRAY(column.type) if dialect == "postgresql" else Text()
    if value is None:  # given at execution
        return bindparam(key, type_=kind)
    return bindparam(key, value, type_=kind)


def _member(
    column: ColumnElement[Any], dialect: str, param: BindParameter[Any]
) -> ColumnElement[bool]:
    if dialect == "postgresql":
        return column == any_(param)
    return column.in_(select(unpacked(param, dialect)))


def insert_all(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    **same: Any,
) -> None:
    """``INSERT`` every row (values for ``names``) set-based; ``same`` names the columns whose
    value is one for all rows."""
    if not rows:
        return
    source, stmt = _insert_all_statement(conn.dialect.name, table, tuple(names), tuple(same))
    source.execute(conn, stmt, rows, **{f"same_{name}": value for name, value in same.items()})


@functools.cache
def _insert_all_statement(
    dialect: str, table: Table, names: tuple[str, ...], same: tuple[str, ...]
) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [table.c[name] for name in names])
    constants = [bindparam(f"same_{k}", type_=table.c[k].type).label(k) for k in same]
    picked = select(*(source.c[name] for name in names), *constants).select_from(source.source)
    return source, insert(table).from_select([*names, *same], picked)
