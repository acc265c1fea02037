"""Every stored fact about students, read for a records request (one statement per kind)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, Row, select

from adapters.sqlalchemy.changeset_json import problems_from_json
from adapters.sqlalchemy.rows import student_from
from adapters.sqlalchemy.tables import (
    accounts,
    classes,
    demographics_audit,
    enrollments,
    roster_history,
    students,
    sync_runs,
)
from application.ports.student_data import (
    AccountRecord,
    DemographicsViewRecord,
    EnrollmentRecord,
    ProblemRecord,
    RosterEventRecord,
    StudentRecord,
)


class SqlAlchemyStudentRecordRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def district_student_ids(self, district_id: str) -> list[str]:
        query = (
            select(students.c.clever_id)
            .where(students.c.district_id == district_id)
            .order_by(students.c.clever_id)
        )
        return list(self.conn.execute(query).scalars())

    def records(self, student_ids: Collection[str]) -> list[StudentRecord]:
        ids = list(dict.fromkeys(student_ids))
        rows = {
            r.clever_id: r
            for r in self.conn.execute(select(students).where(students.c.clever_id.in_(ids)))
        }
        found = [i for i in ids if i in rows]
        accounts_of = self._accounts([rows[i].account_id for i in found if rows[i].account_id])
        enrolled = self._enrollments(found)
        history = self._history(found)
        views = self._views(found)
        return [
            StudentRecord(
                student=student_from(rows[i]),
                account=accounts_of.get(rows[i].account_id),
                enrollments=tuple(enrolled[i]),
                roster_history=tuple(history[i]),
                demographics_views=tuple(views[i]),
            )
            for i in found
        ]

    def problems_by_student(self, district_id: str) -> dict[str, list[ProblemRecord]]:
        query = (
            select(
                sync_runs.c.id, sync_runs.c.teacher_id, sync_runs.c.started_at, sync_runs.c.problems
            )
            .where(sync_runs.c.district_id == district_id)
            .order_by(sync_runs.c.id)
        )
        found: dict[str, list[ProblemRecord]] = defaultdict(list)
        for run in self.conn.execute(query):
            for p in problems_from_json(run.problems or []):
                found[p.clever_id].append(
                    ProblemRecord(
                        run.id, run.teacher_id, run.started_at, p.record_type, p.field, p.message
                    )
                )
        return dict(found)

    def _accounts(self, account_ids: list[int]) -> dict[int, AccountRecord]:
        query = select(accounts).where(accounts.c.id.in_(account_ids))
        return {r.id: _account(r) for r in self.conn.execute(query)}

    def _enrollments(self, ids: list[str]) -> dict[str, list[EnrollmentRecord]]:
        query = (
            select(
                enrollments,
                classes.c.clever_name,
                classes.c.custom_name,
                classes.c.archived,
                classes.c.archived_at,
            )
            .join(classes, classes.c.section_id == enrollments.c.section_id)
            .where(enrollments.c.student_id.in_(ids))
            .order_by(enrollments.c.enrolled_at, enrollments.c.section_id)
        )
        found: dict[str, list[EnrollmentRecord]] = defaultdict(list)
        for r in self.conn.execute(query):
            found[r.student_id].append(
                EnrollmentRecord(
                    section_id=r.section_id,
                    class_name=r.custom_name or r.clever_name,
                    class_archived=r.archived,
                    class_archived_at=r.archived_at,
                    active=r.active,
                    enrolled_at=r.enrolled_at,
                    dropped_at=r.dropped_at,
                )
            )
        return found

    def _history(self, ids: list[str]) -> dict[str, list[RosterEventRecord]]:
        query = (
            select(roster_history)
            .where(roster_history.c.student_id.in_(ids))
            .order_by(roster_history.c.at, roster_history.c.id)
        )
        found: dict[str, list[RosterEventRecord]] = defaultdict(list)
        for r in self.conn.execute(query):
            found[r.student_id].append(
                RosterEventRecord(r.section_id, r.action, r.at, r.sync_run_id)
            )
        return found

    def _views(self, ids: list[str]) -> dict[str, list[DemographicsViewRecord]]:
        query = (
            select(demographics_audit, accounts.c.clever_id, accounts.c.name, accounts.c.role)
            .outerjoin(accounts, accounts.c.id == demographics_audit.c.viewer_account_id)
            .where(demographics_audit.c.student_id.in_(ids))
            .order_by(demographics_audit.c.at, demographics_audit.c.id)
        )
        found: dict[str, list[DemographicsViewRecord]] = defaultdict(list)
        for r in self.conn.execute(query):
            found[r.student_id].append(
                DemographicsViewRecord(r.viewer_account_id, r.clever_id, r.name, r.role, r.at)
            )
        return found


def _account(row: Row[Any]) -> AccountRecord:
    return AccountRecord(
        id=row.id,
        role=row.role,
        name=row.name,
        email=row.email,
        has_password=row.password_hash is not None,
        created_at=row.created_at,
    )
