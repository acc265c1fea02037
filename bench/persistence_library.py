"""The sync's roster writes the library's way: SQLAlchemy Core statements executed with a list
of parameter sets (``executemany``; ``insertmanyvalues`` when they return rows), id lists as
one array (``= ANY``) or an expanding ``IN``, and psycopg's ``COPY`` for the append-only tables.

Each function does what its hand-written counterpart in ``adapters/sqlalchemy`` does, with the
same arguments, so ``bench.persistence`` can time one against the other on the same rows.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    false,
    insert,
    tuple_,
    update,
)

from adapters.sqlalchemy.batches import CHUNK, Merge, chunks, dialect_insert
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    demographics_audit,
    enrollments,
    roster_history,
)
from domain.term import ArchiveReason

Pair = tuple[str, str]


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    key: Sequence[str],
    compared: Sequence[str],
    also_set: Sequence[str] = (),
    merged: Mapping[str, Merge] | None = None,
) -> None:
    """``batches.upsert`` as one ``INSERT … ON CONFLICT DO UPDATE`` given every row."""
    if not rows:
        return
    unique = list({tuple(row[k] for k in key): row for row in rows}.values())
    merges = tuple(sorted((merged or {}).items()))
    stmt = _upsert(conn.dialect.name, table, tuple(key), tuple(compared), tuple(also_set), merges)
    conn.execute(stmt, unique)


@functools.cache
def _upsert(
    dialect: str,
    table: Table,
    key: tuple[str, ...],
    compared: tuple[str, ...],
    also_set: tuple[str, ...],
    merges: tuple[tuple[str, Merge], ...],
) -> Any:
    stmt = dialect_insert(dialect, table)
    excluded, merge = stmt.excluded, dict(merges)
    new_values = {
        name: merge[name](table.c[name], excluded[name]) if name in merge else excluded[name]
        for name in (*compared, *also_set)
    }
    current = tuple_(*(table.c[name] for name in compared))
    incoming = tuple_(*(new_values[name] for name in compared))
    return stmt.on_conflict_do_update(
        index_elements=list(key), set_=new_values, where=current.is_distinct_from(incoming)
    )


def enroll(conn: Connection, pairs: list[Pair], at: datetime) -> list[Pair]:
    """``roster_writes.enroll``: insertmanyvalues, ``RETURNING`` the rows written."""
    if not pairs:
        return []
    wanted = list(dict.fromkeys(pairs))
    params = [
        {"section_id": s, "student_id": st, "active": True, "enrolled_at": at} for s, st in wanted
    ]
    found = conn.execute(_enroll(conn.dialect.name), params).all()
    return _in_order(wanted, found)


@functools.cache
def _enroll(dialect: str) -> Any:
    return (
        dialect_insert(dialect, enrollments)
        .on_conflict_do_update(
            index_elements=["section_id", "student_id"],
            set_={"active": True, "dropped_at": None},
            where=enrollments.c.active.is_(false()),
        )
        .returning(enrollments.c.section_id, enrollments.c.student_id)
    )


def set_active(conn: Connection, pairs: list[Pair], active: bool, at: datetime) -> list[Pair]:
    """``roster_writes.set_active``: ``(section_id, student_id) IN (…)``, expanding, a statement
    per ``CHUNK`` pairs (SQLAlchemy refuses ``UPDATE … RETURNING`` given many parameter sets)."""
    if not pairs:
        return []
    wanted = list(dict.fromkeys(pairs))
    stmt = _set_active(active)
    found: list[Any] = []
    for chunk in chunks(wanted):
        found.extend(conn.execute(stmt, {"pairs": chunk, "at": at}).all())
    return _in_order(wanted, found)


@functools.cache
def _set_active(active: bool) -> Any:
    key = tuple_(enrollments.c.section_id, enrollments.c.student_id)
    return (
        update(enrollments)
        .where(key.in_(bindparam("pairs", expanding=True)), enrollments.c.active.is_not(active))
        .values(active=active, dropped_at=None if active else bindparam("at"))
        .returning(enrollments.c.section_id, enrollments.c.student_id)
    )


def _in_order(wanted: list[Pair], found: Sequence[Any]) -> list[Pair]:
    done = {(r.section_id, r.student_id) for r in found}
    return [pair for pair in wanted if pair in done]


def add_memberships(conn: Connection, pairs: list[Pair]) -> None:
    """``roster_writes.add_memberships``: ``INSERT … ON CONFLICT DO NOTHING``, every pair given."""
    if pairs:
        rows = [{"section_id": s, "teacher_id": t} for s, t in pairs]
        conn.execute(_add_membership(conn.dialect.name), rows)


@functools.cache
def _add_membership(dialect: str) -> Any:
    return dialect_insert(dialect, class_teachers).on_conflict_do_nothing()


def remove_memberships_in(conn: Connection, pairs: list[Pair]) -> None:
    """``roster_writes.remove_memberships``: an expanding tuple ``IN`` per ``CHUNK`` pairs."""
    key = tuple_(class_teachers.c.section_id, class_teachers.c.teacher_id)
    stmt = delete(class_teachers).where(key.in_(bindparam("pairs", expanding=True)))
    for chunk in chunks(pairs):
        conn.execute(stmt, {"pairs": chunk})


def remove_memberships_many(conn: Connection, pairs: list[Pair]) -> None:
    """``roster_writes.remove_memberships``: one ``DELETE`` by primary key, every pair given."""
    if pairs:
        conn.execute(_remove_membership, [{"s": s, "t": t} for s, t in pairs])


_remove_membership = delete(class_teachers).where(
    class_teachers.c.section_id == bindparam("s"), class_teachers.c.teacher_id == bindparam("t")
)


def set_archived_in(
    conn: Connection, ids: list[str], archived: bool, at: datetime, reason: ArchiveReason | None
) -> None:
    """``roster_writes.set_archived`` with an expanding ``IN``, a statement per ``CHUNK`` ids."""
    values = {"archived_at": at if archived else None}
    stmt = _archive_in(archived, reason)
    for chunk in chunks(set(ids), CHUNK):
        conn.execute(stmt, {**values, "ids": chunk})


@functools.cache
def _archive_in(archived: bool, reason: ArchiveReason | None) -> Any:
    return (
        update(classes)
        .where(
            classes.c.section_id.in_(bindparam("ids", expanding=True)),
            classes.c.archived.is_not(archived),
        )
        .values(
            archived=archived,
            archived_at=bindparam("archived_at", type_=classes.c.archived_at.type),
            archived_reason=reason.value if reason else None,
        )
    )


def set_archived_many(
    conn: Connection, ids: list[str], archived: bool, at: datetime, reason: ArchiveReason | None
) -> None:
    """``roster_writes.set_archived``: one ``UPDATE`` by primary key, every id given."""
    if not ids:
        return
    stmt = (
        update(classes)
        .where(classes.c.section_id == bindparam("sid"), classes.c.archived.is_not(archived))
        .values(
            archived=archived,
            archived_at=bindparam("archived_at", type_=classes.c.archived_at.type),
            archived_reason=reason.value if reason else None,
        )
    )
    stamp = at if archived else None
    conn.execute(stmt, [{"sid": sid, "archived_at": stamp} for sid in dict.fromkeys(ids)])


HISTORY = ("section_id", "student_id", "action", "sync_run_id")


def history_many(conn: Connection, rows: list[tuple[str, str, str, int]], at: datetime) -> None:
    """``roster_writes.insert_history``: a plain ``INSERT`` given every row."""
    if rows:
        conn.execute(
            insert(roster_history), [{**dict(zip(HISTORY, r, strict=True)), "at": at} for r in rows]
        )


def history_copy(conn: Connection, rows: list[tuple[str, str, str, int]], at: datetime) -> None:
    """``roster_writes.insert_history`` with psycopg's ``COPY`` (Postgres only)."""
    columns = ", ".join((*HISTORY, "at"))
    _copy(conn, f"COPY roster_history ({columns}) FROM STDIN", ((*r, at) for r in rows))


def audit_many(conn: Connection, viewer: int, student_ids: Collection[str], at: datetime) -> None:
    """``audit_log.record_access``: a plain ``INSERT`` given every row."""
    if student_ids:
        rows = [{"viewer_account_id": viewer, "student_id": s, "at": at} for s in student_ids]
        conn.execute(insert(demographics_audit), rows)


def audit_copy(conn: Connection, viewer: int, student_ids: Collection[str], at: datetime) -> None:
    """``audit_log.record_access`` with psycopg's ``COPY`` (Postgres only)."""
    copy = "COPY demographics_audit (viewer_account_id, student_id, at) FROM STDIN"
    _copy(conn, copy, ((viewer, s, at) for s in student_ids))


def _copy(conn: Connection, statement: str, rows: Any) -> None:
    """``COPY … FROM STDIN`` on the connection's own psycopg connection, in its transaction."""
    driver = conn.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
