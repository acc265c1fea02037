"""Retention deletes in SQL: each call one bounded statement set, by primary key.

Every candidate query is backed by an index (``students`` by primary key with enrolments by
student, audit entries and sync runs by time, a teacher's newer run by (teacher, id)), so a
batch of a thousand rows is a short transaction on the roster tables.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    and_,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)

from adapters.sqlalchemy.rosters import RosterChangeFlag
from adapters.sqlalchemy.tables import (
    classes,
    demographics_audit,
    enrollments,
    roster_history,
    students,
    sync_runs,
)
from domain.demographics import ALL_FIELDS as DEMOGRAPHICS

STUDENT_DATA = ("grade", *DEMOGRAPHICS)
UNFINISHED = ("queued", "running")


class SqlAlchemyRetentionRepository:
    """Erasing a student's grade or a history entry's sync run changes what a roster query
    shows: ``roster`` is then flagged, so the commit bumps the roster version."""

    def __init__(self, conn: Connection, roster: RosterChangeFlag) -> None:
        self.conn = conn
        self.roster = roster

    def count_departed(self, left_by: datetime) -> int:
        return self._count(_departed(left_by))

    def erase_departed(self, left_by: datetime, limit: int) -> int:
        # One statement: the departure is decided by the statement that erases, not by an
        # earlier read a concurrent sync could have made stale by enrolling the student again.
        chosen = _departed(left_by).order_by(students.c.clever_id).limit(limit).scalar_subquery()
        result = self.conn.execute(
            update(students)
            .where(students.c.clever_id.in_(chosen))
            .values({name: None for name in STUDENT_DATA})
        )
        erased = int(result.rowcount or 0)
        self.roster.changed = self.roster.changed or erased > 0
        return erased

    def count_audit_entries(self, before: datetime) -> int:
        return self._count(_old_audit_entries(before))

    def delete_audit_entries(self, before: datetime, limit: int) -> int:
        ids = list(self.conn.execute(_old_audit_entries(before).limit(limit)).scalars())
        if ids:
            self.conn.execute(delete(demographics_audit).where(demographics_audit.c.id.in_(ids)))
        return len(ids)

    def count_sync_runs(self, before: datetime) -> int:
        return self._count(_old_sync_runs(before))

    def delete_sync_runs(self, before: datetime, limit: int) -> int:
        ids = list(self.conn.execute(_old_sync_runs(before).limit(limit)).scalars())
        if ids:
            self.conn.execute(
                update(roster_history)
                .where(roster_history.c.sync_run_id.in_(ids))
                .values(sync_run_id=None)
            )
            self.conn.execute(delete(sync_runs).where(sync_runs.c.id.in_(ids)))
            self.roster.changed = True
        return len(ids)

    def _count(self, query: Select[Any]) -> int:
        return int(
            self.conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        )


def _departed(left_by: datetime) -> Select[Any]:
    """Students with a grade or demographics stored, enrolled somewhere once, and in no class
    that is live, or that they left (or that was archived) after ``left_by``."""
    mine = enrollments.c.student_id == students.c.clever_id
    still_counts = or_(
        and_(
            enrollments.c.active.is_(True),
            or_(
                classes.c.archived.is_(False),
                classes.c.archived_at.is_(None),
                classes.c.archived_at > left_by,
            ),
        ),
        and_(
            enrollments.c.active.is_(False),
            or_(enrollments.c.dropped_at.is_(None), enrollments.c.dropped_at > left_by),
        ),
    )
    recent = (
        select(enrollments.c.student_id)
        .join(classes, classes.c.section_id == enrollments.c.section_id)
        .where(mine, still_counts)
    )
    has_data = or_(*(students.c[name].is_not(None) for name in STUDENT_DATA))
    return select(students.c.clever_id).where(
        has_data, exists(select(enrollments.c.student_id).where(mine)), ~exists(recent)
    )


def _old_audit_entries(before: datetime) -> Select[Any]:
    still_stored = exists(
        select(students.c.clever_id).where(
            students.c.clever_id == demographics_audit.c.student_id,
            or_(*(students.c[name].is_not(None) for name in DEMOGRAPHICS)),
        )
    )
    return (
        select(demographics_audit.c.id)
        .where(demographics_audit.c.at <= before, ~still_stored)
        .order_by(demographics_audit.c.id)
    )


def _old_sync_runs(before: datetime) -> Select[Any]:
    newer = sync_runs.alias("newer")
    superseded = exists(
        select(newer.c.id).where(
            newer.c.teacher_id == sync_runs.c.teacher_id, newer.c.id > sync_runs.c.id
        )
    )
    return (
        select(sync_runs.c.id)
        .where(
            sync_runs.c.started_at <= before,
            sync_runs.c.status.not_in(UNFINISHED),
            superseded,
        )
        .order_by(sync_runs.c.id)
    )
