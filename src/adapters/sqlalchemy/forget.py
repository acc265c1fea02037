"""Deleting everything a district's people left behind, children before parents."""

from __future__ import annotations

from sqlalchemy import Connection, delete, or_, select

from adapters.sqlalchemy.tables import (
    accounts,
    class_teachers,
    classes,
    clever_tokens,
    demographics_audit,
    district_sync_cursors,
    enrollments,
    premium_licenses,
    roster_decisions,
    roster_history,
    students,
    sync_runs,
    teachers,
)


def forget_district(conn: Connection, district_id: str) -> int:
    """Returns the number of rows deleted."""
    sections = select(classes.c.section_id).where(classes.c.district_id == district_id)
    pupils = select(students.c.clever_id).where(students.c.district_id == district_id)
    staff = select(teachers.c.clever_id).where(teachers.c.district_id == district_id)
    people_accounts = select(accounts.c.id).where(
        or_(
            accounts.c.district_id == district_id,
            accounts.c.id.in_(
                select(teachers.c.account_id).where(teachers.c.district_id == district_id)
            ),
            accounts.c.id.in_(
                select(students.c.account_id).where(students.c.district_id == district_id)
            ),
        )
    )
    account_ids = list(conn.execute(people_accounts).scalars())
    statements = [
        delete(demographics_audit).where(
            or_(
                demographics_audit.c.student_id.in_(pupils),
                demographics_audit.c.viewer_account_id.in_(account_ids),
            )
        ),
        delete(roster_decisions).where(roster_decisions.c.section_id.in_(sections)),
        delete(roster_history).where(
            or_(roster_history.c.section_id.in_(sections), roster_history.c.student_id.in_(pupils))
        ),
        delete(enrollments).where(
            or_(enrollments.c.section_id.in_(sections), enrollments.c.student_id.in_(pupils))
        ),
        delete(class_teachers).where(
            or_(class_teachers.c.section_id.in_(sections), class_teachers.c.teacher_id.in_(staff))
        ),
        delete(clever_tokens).where(
            or_(
                clever_tokens.c.owner_id == district_id,
                clever_tokens.c.owner_id.in_(pupils),
                clever_tokens.c.owner_id.in_(staff),
            )
        ),
        delete(sync_runs).where(sync_runs.c.district_id == district_id),
        delete(district_sync_cursors).where(district_sync_cursors.c.district_id == district_id),
        # A teacher's own licence names the teacher; the district's and schools' stay (contracts).
        delete(premium_licenses).where(
            premium_licenses.c.scope == "teacher", premium_licenses.c.clever_id.in_(staff)
        ),
        delete(classes).where(classes.c.district_id == district_id),
        delete(teachers).where(teachers.c.district_id == district_id),
        delete(students).where(students.c.district_id == district_id),
        delete(accounts).where(accounts.c.id.in_(account_ids)),
    ]
    return sum(conn.execute(statement).rowcount or 0 for statement in statements)
