"""The statements that write one kind of roster row for many change sets at once.

Each statement is built once per SQL dialect (functools.cache): only its parameters change.
Each figure below: docs/benchmarks.md, "Persistence: library writes against hand-written SQL".
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, false, select, true, tuple_, update

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.json_rows import JsonRows, id_list, insert_all, listed_in
from adapters.sqlalchemy.tables import class_teachers, classes, enrollments, roster_history
from adapters.sqlalchemy.types import UTCDateTime
from domain.term import ArchiveReason

Pair = tuple[str, str]


def insert_history(conn: Connection, rows: list[tuple[str, str, str, int]], at: datetime) -> None:
    # JSON rows: COPY is no faster, executemany 1.8x (PG) / 3.7x (SQLite) slower at 10k-100k
    names = ("section_id", "student_id", "action", "sync_run_id")
    insert_all(conn, roster_history, names, rows, at=at)


def set_archived(
    conn: Connection,
    section_ids: list[str],
    archived: bool,
    at: datetime,
    reason: ArchiveReason | None,
) -> None:
    if not section_ids:
        return
    stmt = _archive_statement(conn.dialect.name, archived, reason)
    archived_at = at if archived else None
    conn.execute(stmt, {"ids": id_list(conn, section_ids), "archived_at": archived_at})


@functools.cache  # an id list: 1.3-1.8x (PG), 1.2-1.3x (SQLite) faster than JSON rows, 10k-100k
def _archive_statement(dialect: str, archived: bool, reason: ArchiveReason | None) -> Any:
    return (
        update(classes)
        .where(listed_in(classes.c.section_id, dialect), classes.c.archived.is_not(archived))
        .values(
            archived=archived,
            archived_at=bindparam("archived_at", type_=UTCDateTime()),
            archived_reason=reason.value if reason else None,
        )
    )


def add_memberships(conn: Connection, pairs: list[Pair]) -> None:
    if not pairs:
        return
    source, stmt = _add_memberships_statement(conn.dialect.name)
    source.execute(conn, stmt, pairs)


@functools.cache  # JSON rows: executemany is 1.9x slower (PG), 2.2-3.1x (SQLite) at 10k-100k
def _add_memberships_statement(dialect: str) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [class_teachers.c.section_id, class_teachers.c.teacher_id])
    picked = select(source.c["section_id"], source.c["teacher_id"]).select_from(source.source)
    stmt = (
        dialect_insert(dialect, class_teachers)
        .from_select(["section_id", "teacher_id"], picked.where(true()))
        .on_conflict_do_nothing()
    )
    return source, stmt


def remove_memberships(conn: Connection, pairs: list[Pair]) -> None:
    if not pairs:
        return
    source, stmt = _remove_memberships_statement(conn.dialect.name)
    source.execute(conn, stmt, pairs)


@functools.cache  # JSON rows: executemany 2.9-11x, a tuple IN 11-34x slower (PG) at 10k-100k
def _remove_memberships_statement(dialect: str) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [class_teachers.c.section_id, class_teachers.c.teacher_id])
    listed = select(source.c["section_id"], source.c["teacher_id"]).select_from(source.source)
    key = tuple_(class_teachers.c.section_id, class_teachers.c.teacher_id)
    return source, delete(class_teachers).where(key.in_(listed))


def enroll(conn: Connection, pairs: list[Pair], at: datetime) -> list[Pair]:
    """New enrollments, or dropped ones made active again; returns the pairs really written."""
    if not pairs:
        return []
    source, stmt = _enroll_statement(conn.dialect.name)
    return _written(conn, stmt, source, pairs, at)


# The time of the sync, given at execution.
_AT = bindparam("at", type_=enrollments.c.enrolled_at.type)


@functools.cache  # JSON rows: insertmanyvalues is 3.4-4.3x (PG), 3.6x (SQLite) slower at 10k-100k
def _enroll_statement(dialect: str) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [enrollments.c.section_id, enrollments.c.student_id])
    picked = select(source.c["section_id"], source.c["student_id"], true(), _AT)
    stmt = (
        dialect_insert(dialect, enrollments)
        .from_select(
            ["section_id", "student_id", "active", "enrolled_at"],
            picked.select_from(source.source).where(true()),
        )
        .on_conflict_do_update(
            index_elements=["section_id", "student_id"],
            set_={"active": True, "dropped_at": None},
            where=enrollments.c.active.is_(false()),
        )
        .returning(enrollments.c.section_id, enrollments.c.student_id)
    )
    return source, stmt


def set_active(conn: Connection, pairs: list[Pair], active: bool, at: datetime) -> list[Pair]:
    if not pairs:
        return []
    source, stmt = _set_active_statement(conn.dialect.name, active)
    return _written(conn, stmt, source, pairs, at)


@functools.cache  # JSON rows: a tuple IN is 5.4x (10k) to 109x (100k) slower on PG
def _set_active_statement(dialect: str, active: bool) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [enrollments.c.section_id, enrollments.c.student_id])
    # Joined to the listed pairs (UPDATE … FROM), so each is found by the primary key; a
    # tuple IN over the JSON rows had Postgres scan every enrollment.
    stmt = (
        update(enrollments)
        .where(
            enrollments.c.section_id == source.c["section_id"],
            enrollments.c.student_id == source.c["student_id"],
            enrollments.c.active.is_not(active),
        )
        .values(active=active, dropped_at=None if active else _AT)
        .returning(enrollments.c.section_id, enrollments.c.student_id)
    )
    return source, stmt


def _written(
    conn: Connection, stmt: Any, source: JsonRows, pairs: list[Pair], at: datetime
) -> list[Pair]:
    """The pairs a statement really wrote, in the order they were asked for."""
    found = source.execute(conn, stmt, list(dict.fromkeys(pairs)), at=at)
    done = {(r.section_id, r.student_id) for r in found}
    return [pair for pair in dict.fromkeys(pairs) if pair in done]
