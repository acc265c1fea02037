"""The reader's roster batches: a roster query's classes, people and version in few statements."""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, Select, and_, bindparam, select

from adapters.sqlalchemy.batches import chunks
from adapters.sqlalchemy.reader_queries import (
    class_columns,
    class_teacher_view,
    class_view,
)
from adapters.sqlalchemy.rows import grade_of
from adapters.sqlalchemy.tables import (
    accounts,
    class_teachers,
    classes,
    enrollments,
    roster_version,
    students,
    teachers,
)
from adapters.sqlalchemy.versions import ROW_ID
from application.ports import (
    ClassTeacherView,
    ClassView,
    DemographicsView,
    EnrolledStudentView,
    StudentView,
    TaughtClassView,
    VersionedViewer,
    ViewerView,
)
from domain.accounts import Role


def taught_classes(
    conn: Connection, teacher_ids: Collection[str], include_archived: bool
) -> dict[str, list[TaughtClassView]]:
    """One row per (asking teacher, class, teacher of that class)."""
    views: dict[str, ClassView] = {}
    staff: dict[str, dict[str, ClassTeacherView]] = {}
    taught: dict[str, dict[str, None]] = {t: {} for t in teacher_ids}
    query = TAUGHT_CLASSES if include_archived else TAUGHT_LIVE_CLASSES
    for batch in chunks(set(teacher_ids)):
        for row in conn.execute(query, {"teachers": batch}).all():
            views.setdefault(row.section_id, class_view(row))
            staff.setdefault(row.section_id, {})[row.teacher_id] = class_teacher_view(row)
            taught[row.asking_id][row.section_id] = None
    result: dict[str, list[TaughtClassView]] = {}
    for teacher_id, section_ids in taught.items():
        ordered = sorted((views[sid] for sid in section_ids), key=lambda v: (v.name, v.id))
        result[teacher_id] = [
            TaughtClassView(view, _ordered_staff(staff[view.id].values())) for view in ordered
        ]
    return result


def _taught_classes() -> Select[Any]:
    asking = class_teachers.alias("asking")
    return (
        select(
            asking.c.teacher_id.label("asking_id"),
            *class_columns(),
            class_teachers.c.teacher_id,
            teachers.c.name,
            teachers.c.account_id,
        )
        .select_from(asking)
        .join(classes, classes.c.section_id == asking.c.section_id)
        .join(class_teachers, class_teachers.c.section_id == classes.c.section_id)
        .outerjoin(teachers, teachers.c.clever_id == class_teachers.c.teacher_id)
        .where(asking.c.teacher_id.in_(bindparam("teachers", expanding=True)))
    )


# Built once: building a statement costs more than the database takes to answer it.
TAUGHT_CLASSES = _taught_classes()
TAUGHT_LIVE_CLASSES = TAUGHT_CLASSES.where(classes.c.archived.is_(False))


def _ordered_staff(views: Collection[ClassTeacherView]) -> list[ClassTeacherView]:
    return sorted(views, key=lambda v: (v.role != "owner", v.name))


def enrolled_students(
    conn: Connection, section_ids: Collection[str]
) -> dict[str, list[EnrolledStudentView]]:
    """A roster's students with their grades and demographics: the hot read of every roster
    query, so the statement is built once and the rows are fetched whole."""
    result: dict[str, list[EnrolledStudentView]] = {sid: [] for sid in section_ids}
    for batch in chunks(set(section_ids)):
        rows = conn.execute(ENROLLED_STUDENTS, {"sections": batch}).all()
        for section_id, clever_id, name, grade, account_id, *shared in rows:
            student = StudentView(clever_id, name, grade_name(grade), account_id is not None)
            result[section_id].append(
                EnrolledStudentView(student, DemographicsView(clever_id, *shared))
            )
    for views in result.values():
        views.sort(key=lambda v: (v.student.name, v.student.id))
    return result


ENROLLED_STUDENTS = (
    select(
        enrollments.c.section_id,
        students.c.clever_id,
        students.c.name,
        students.c.grade,
        students.c.account_id,
        # in DemographicsView's order
        students.c.ell_status,
        students.c.hispanic_ethnicity,
        students.c.iep_status,
        students.c.frl_status,
        students.c.race,
        students.c.gender,
    )
    .join(students, students.c.clever_id == enrollments.c.student_id)
    .where(enrollments.c.section_id.in_(bindparam("sections", expanding=True)))
    .where(enrollments.c.active)
)


@functools.cache
def grade_name(stored: str | None) -> str | None:
    grade = grade_of(stored)
    return grade.enum_name if grade else None


def _viewer_with_version() -> Select[Any]:
    """Built once: constructing a statement costs more than SQLite takes to run this one."""
    version = (
        select(roster_version.c.version).where(roster_version.c.id == ROW_ID).scalar_subquery()
    )
    claimed_teacher = and_(
        accounts.c.role == Role.TEACHER.value,
        teachers.c.clever_id == accounts.c.clever_id,
        teachers.c.account_id == accounts.c.id,
    )
    claimed_student = and_(
        accounts.c.role == Role.STUDENT.value,
        students.c.clever_id == accounts.c.clever_id,
        students.c.account_id == accounts.c.id,
    )
    return (
        select(
            accounts.c.id,
            accounts.c.role,
            accounts.c.name,
            accounts.c.clever_id,
            teachers.c.clever_id.label("teacher_id"),
            students.c.clever_id.label("student_id"),
            version.label("roster_version"),
        )
        .outerjoin(teachers, claimed_teacher)
        .outerjoin(students, claimed_student)
        .where(accounts.c.id == bindparam("account_id"))
    )


VIEWER_WITH_VERSION = _viewer_with_version()


def versioned_viewer(conn: Connection, account_id: int) -> VersionedViewer | None:
    """The same rule as the web app's viewer lookup: a roster record counts as the account's
    only once claimed by it (its account_id)."""
    row = conn.execute(VIEWER_WITH_VERSION, {"account_id": account_id}).first()
    if row is None:
        return None
    viewer = ViewerView(
        row.id, Role(row.role), row.name, row.clever_id, row.teacher_id, row.student_id
    )
    return VersionedViewer(int(row.roster_version or 0), viewer)
