"""Writing ChangeSets in set-based batches: no per-row round trips, no rewrite of unchanged rows.

Several change sets (a batch of teachers' syncs) are written together, table by table, as long
as they touch different rows; a change set touching a row an earlier one touched starts a new
group, so the result is always what writing them one after another would give.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    delete,
    false,
    or_,
    select,
    true,
    tuple_,
    update,
)

from adapters.sqlalchemy.batches import dialect_insert, upsert
from adapters.sqlalchemy.decisions import write_decision_changes
from adapters.sqlalchemy.json_rows import JsonRows, id_list, insert_all, listed_in
from adapters.sqlalchemy.rows import class_values, student_values, teacher_values
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    enrollments,
    roster_history,
    students,
    teachers,
)
from adapters.sqlalchemy.types import UTCDateTime
from domain.changeset import ChangeSet
from domain.term import ArchiveReason

Pair = tuple[str, str]
RunChanges = tuple[ChangeSet, int]

TEACHER_FIELDS = ("district_id", "name", "email", "school_ids", "rostering_started")
STUDENT_FIELDS = (
    "district_id",
    "name",
    "email",
    "grade",
    "ell_status",
    "hispanic_ethnicity",
    "iep_status",
    "frl_status",
    "race",
    "gender",
)
CLASS_FIELDS = (
    "district_id",
    "school_id",
    "clever_name",
    "subject",
    "period",
    "grade",
    "owner_id",
    "archived",
    "term_id",
    "term_name",
    "term_start_date",
    "term_end_date",
    "archived_reason",
)


def apply_changes(conn: Connection, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
    apply_change_sets(conn, [(changes, sync_run_id)], at)


def apply_change_sets(conn: Connection, items: Sequence[RunChanges], at: datetime) -> None:
    for group in _disjoint_groups(items):
        _write(conn, group, at)


def _write(conn: Connection, group: list[RunChanges], at: datetime) -> None:
    # Claims (account_id) and the teacher's own class name (custom_name) are set only when a
    # row is first created; a sync never overwrites them.
    # A change set may have waited for approval: a rostering flag set since then stays set.
    sets = [changes for changes, _ in group]
    upsert(
        conn,
        teachers,
        [teacher_values(t) for c in sets for t in c.teachers],
        ["clever_id"],
        TEACHER_FIELDS,
        merged={"rostering_started": or_},
    )
    new_students = [{**student_values(s), "account_id": None} for c in sets for s in c.students]
    upsert(conn, students, new_students, ["clever_id"], STUDENT_FIELDS)
    # Archived and restored first: an update that also lists the class (a renamed class whose
    # term is over) must find it still live, or its archived_at would never be set.
    for reason, archived in (
        (ArchiveReason.SECTION_GONE, [sid for c in sets for sid in c.classes_archived]),
        (ArchiveReason.TERM_ENDED, [sid for c in sets for sid in c.classes_term_ended]),
    ):
        _set_archived(conn, archived, True, at, reason)
    _set_archived(conn, [sid for c in sets for sid in c.classes_restored], False, at, None)
    synced = [
        {**class_values(k), "last_synced_at": at}
        for c in sets
        for k in (*c.classes_created, *c.classes_updated)
    ]
    upsert(conn, classes, synced, ["section_id"], CLASS_FIELDS, also_set=["last_synced_at"])
    _add_memberships(
        conn, [(m.section_id, m.teacher_id) for c in sets for m in c.memberships_added]
    )
    removed = [(m.section_id, m.teacher_id) for c in sets for m in c.memberships_removed]
    _remove_memberships(conn, removed)
    run_of = {
        (k.section_id, k.student_id): run_id
        for changes, run_id in group
        for k in (*changes.enrolled, *changes.restored, *changes.dropped)
    }
    history = [
        *_history(_enroll(conn, _pairs(sets, "enrolled"), at), "added"),
        *_history(_set_active(conn, _pairs(sets, "restored"), True, at), "restored"),
        *_history(_set_active(conn, _pairs(sets, "dropped"), False, at), "dropped"),
    ]
    if history:
        _insert_history(conn, [(s, st, act, run_of[(s, st)]) for s, st, act in history], at)
    write_decision_changes(conn, sets)


def _insert_history(conn: Connection, rows: list[tuple[str, str, str, int]], at: datetime) -> None:
    # JSON rows: COPY is no faster, executemany 1.8x (PG) / 3.7x (SQLite) slower at 10k-100k
    names = ("section_id", "student_id", "action", "sync_run_id")
    insert_all(conn, roster_history, names, rows, at=at)


def _pairs(sets: list[ChangeSet], name: str) -> list[Pair]:
    return [(k.section_id, k.student_id) for c in sets for k in getattr(c, name)]


# Each statement is built once per SQL dialect (functools.cache): only its parameters change.
# Each figure below: docs/benchmarks.md, "Persistence: library writes against hand-written SQL".


def _set_archived(
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


def _add_memberships(conn: Connection, pairs: list[Pair]) -> None:
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


def _remove_memberships(conn: Connection, pairs: list[Pair]) -> None:
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


def _enroll(conn: Connection, pairs: list[Pair], at: datetime) -> list[Pair]:
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


def _set_active(conn: Connection, pairs: list[Pair], active: bool, at: datetime) -> list[Pair]:
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


def _history(pairs: list[Pair], action: str) -> list[tuple[str, str, str]]:
    return [(section_id, student_id, action) for section_id, student_id in pairs]


def _disjoint_groups(items: Sequence[RunChanges]) -> Iterator[list[RunChanges]]:
    """Consecutive change sets that touch no row in common, so they can be written as one."""
    group: list[RunChanges] = []
    touched: set[tuple[str, ...]] = set()
    for item in items:
        rows = _rows_touched(item[0])
        if group and not rows.isdisjoint(touched):
            yield group
            group, touched = [], set()
        group.append(item)
        touched |= rows
    if group:
        yield group


def _rows_touched(c: ChangeSet) -> set[tuple[str, ...]]:
    rows: set[tuple[str, ...]] = {("teacher", t.clever_id) for t in c.teachers}
    rows.update(("student", s.clever_id) for s in c.students)
    rows.update(("class", k.section_id) for k in (*c.classes_created, *c.classes_updated))
    archived = (*c.classes_archived, *c.classes_term_ended, *c.classes_restored)
    rows.update(("class", sid) for sid in archived)
    members = (*c.memberships_added, *c.memberships_removed)
    rows.update(("member", m.section_id, m.teacher_id) for m in members)
    keys = (*c.enrolled, *c.restored, *c.dropped)
    rows.update(("enrollment", k.section_id, k.student_id) for k in keys)
    return rows
