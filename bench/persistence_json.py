"""Hand-written statements the product replaced by the library's way, kept so that
``bench.persistence`` still times them against it (see docs/benchmarks.md, "Persistence")."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from adapters.sqlalchemy.json_rows import JsonRows
from adapters.sqlalchemy.tables import classes
from domain.term import ArchiveReason


def set_archived(
    conn: Connection, ids: list[str], archived: bool, at: datetime, reason: ArchiveReason | None
) -> None:
    """Classes archived (or restored) by id: the ids as JSON rows, ``IN (SELECT … FROM
    jsonb_array_elements(:rows))``."""
    if not ids:
        return
    source, stmt = _archive(conn.dialect.name, archived, reason)
    source.execute(conn, stmt, [[sid] for sid in ids], archived_at=at if archived else None)


@functools.cache
def _archive(dialect: str, archived: bool, reason: ArchiveReason | None) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [classes.c.section_id])
    listed = select(source.c["section_id"]).select_from(source.source).scalar_subquery()
    stmt = (
        update(classes)
        .where(classes.c.section_id.in_(listed), classes.c.archived.is_not(archived))
        .values(
            archived=archived,
            archived_at=bindparam("archived_at", type_=classes.c.archived_at.type),
            archived_reason=reason.value if reason else None,
        )
    )
    return source, stmt
