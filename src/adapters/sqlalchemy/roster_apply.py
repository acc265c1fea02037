"""Writing a ChangeSet in set-based batches: no per-row round trips, no rewrite of unchanged rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, or_, tuple_, update

from adapters.sqlalchemy.batches import chunks, dialect_insert, upsert
from adapters.sqlalchemy.rows import class_values, student_values, teacher_values
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    enrollments,
    roster_history,
    students,
    teachers,
)
from domain.changeset import ChangeSet
from domain.roster import EnrollmentKey

Pair = tuple[str, str]

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
)


def apply_changes(conn: Connection, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
    # Claims (account_id) and the teacher's own class name (custom_name) are set only when a
    # row is first created; a sync never overwrites them.
    # A change set may have waited for approval: a rostering flag set since then stays set.
    upsert(
        conn,
        teachers,
        [teacher_values(t) for t in changes.teachers],
        ["clever_id"],
        TEACHER_FIELDS,
        merged={"rostering_started": or_},
    )
    new_students = [{**student_values(s), "account_id": None} for s in changes.students]
    upsert(conn, students, new_students, ["clever_id"], STUDENT_FIELDS)
    synced = [
        {**class_values(c), "last_synced_at": at}
        for c in (*changes.classes_created, *changes.classes_updated)
    ]
    upsert(conn, classes, synced, ["section_id"], CLASS_FIELDS, also_set=["last_synced_at"])
    _set_archived(conn, changes.classes_archived, True)
    _set_archived(conn, changes.classes_restored, False)
    _add_memberships(conn, [(m.section_id, m.teacher_id) for m in changes.memberships_added])
    _remove_memberships(conn, [(m.section_id, m.teacher_id) for m in changes.memberships_removed])
    added = _enroll(conn, changes.enrolled, at)
    restored = _set_active(conn, changes.restored, True, at)
    dropped = _set_active(conn, changes.dropped, False, at)
    history = [
        *_history(changes.enrolled, added, "added"),
        *_history(changes.restored, restored, "restored"),
        *_history(changes.dropped, dropped, "dropped"),
    ]
    for batch in chunks(history, 1000):
        conn.execute(
            insert(roster_history),
            [{**row, "sync_run_id": sync_run_id, "at": at} for row in batch],
        )


def _set_archived(conn: Connection, section_ids: Sequence[str], archived: bool) -> None:
    for batch in chunks(section_ids):
        conn.execute(
            update(classes)
            .where(classes.c.section_id.in_(batch), classes.c.archived.is_not(archived))
            .values(archived=archived)
        )


def _add_memberships(conn: Connection, pairs: list[Pair]) -> None:
    if not pairs:
        return
    stmt = dialect_insert(conn, class_teachers).on_conflict_do_nothing()
    for batch in chunks(pairs, 1000):
        conn.execute(stmt, [{"section_id": s, "teacher_id": t} for s, t in batch])


def _remove_memberships(conn: Connection, pairs: list[Pair]) -> None:
    key = tuple_(class_teachers.c.section_id, class_teachers.c.teacher_id)
    for batch in chunks(pairs):
        conn.execute(class_teachers.delete().where(key.in_(batch)))


def _enroll(conn: Connection, keys: Sequence[EnrollmentKey], at: datetime) -> set[Pair]:
    if not keys:
        return set()
    stmt = dialect_insert(conn, enrollments)
    stmt = stmt.on_conflict_do_update(
        index_elements=["section_id", "student_id"],
        set_={"active": True, "dropped_at": None},
        where=enrollments.c.active.is_(False),
    ).returning(enrollments.c.section_id, enrollments.c.student_id)
    written: set[Pair] = set()
    for batch in chunks(keys, 1000):
        rows: list[dict[str, Any]] = [
            {
                "section_id": k.section_id,
                "student_id": k.student_id,
                "active": True,
                "enrolled_at": at,
            }
            for k in batch
        ]
        written.update((r.section_id, r.student_id) for r in conn.execute(stmt, rows))
    return written


def _set_active(
    conn: Connection, keys: Sequence[EnrollmentKey], active: bool, at: datetime
) -> set[Pair]:
    key = tuple_(enrollments.c.section_id, enrollments.c.student_id)
    written: set[Pair] = set()
    for batch in chunks([(k.section_id, k.student_id) for k in keys]):
        result = conn.execute(
            update(enrollments)
            .where(key.in_(batch), enrollments.c.active.is_not(active))
            .values(active=active, dropped_at=None if active else at)
            .returning(enrollments.c.section_id, enrollments.c.student_id)
        )
        written.update((r.section_id, r.student_id) for r in result)
    return written


def _history(
    keys: Sequence[EnrollmentKey], written: set[Pair], action: str
) -> list[dict[str, str]]:
    return [
        {"section_id": k.section_id, "student_id": k.student_id, "action": action}
        for k in keys
        if (k.section_id, k.student_id) in written
    ]
