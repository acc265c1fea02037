"""The reader's roster batches: a roster query's classes, people and version in few statements."""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    select,
)

from adapters.sqlalchemy.json_rows import id_list, listed_in
from adapters.sqlalchemy.reader_queries import (
    class_columns,
    class_teacher_view,
    class_view,
)
from adapters.sqlalchemy.rows import grade_of
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    enrollments,
    students,
    teachers,
)
from application.ports import (
    ClassTeacherView,
    ClassView,
    DemographicsView,
    EnrolledStudentView,
    StudentView,
    TaughtClassView,
)


def taught_classes(
    conn: Connection, teacher_ids: Collection[str], include_archived: bool
) -> dict[str, list[TaughtClassView]]:
    """One row per (asking teacher, class, teacher of that class)."""
    views: dict[str, ClassView] = {}
    staff: dict[str, dict[str, ClassTeacherView]] = {}
    taught: dict[str, dict[str, None]] = {t: {} for t in teacher_ids}
    query = _taught_classes(conn.dialect.name, include_archived)
    for row in conn.execute(query, {"ids": id_list(conn, teacher_ids)}).all():
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


@functools.cache
def _taught_classes(dialect: str, include_archived: bool) -> Select[Any]:
    """Built once per kind: building a statement costs more than the database takes to answer
    it. The teacher ids are one parameter, ``ids``."""
    asking = class_teachers.alias("asking")
    query = (
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
        .where(listed_in(asking.c.teacher_id, dialect))
    )
    return query if include_archived else query.where(classes.c.archived.is_(False))


def _ordered_staff(views: Collection[ClassTeacherView]) -> list[ClassTeacherView]:
    return sorted(views, key=lambda v: (v.role != "owner", v.name))


def enrolled_students(
    conn: Connection, section_ids: Collection[str]
) -> dict[str, list[EnrolledStudentView]]:
    """A roster's students with their grades and demographics: the hot read of every roster
    query, so the statement is built once and the rows are fetched whole."""
    result: dict[str, list[EnrolledStudentView]] = {sid: [] for sid in section_ids}
    query = _enrolled_students(conn.dialect.name)
    rows = conn.execute(query, {"ids": id_list(conn, section_ids)}).all()
    for section_id, clever_id, name, grade, account_id, *shared in rows:
        student = StudentView(clever_id, name, grade_name(grade), account_id is not None)
        result[section_id].append(
            EnrolledStudentView(student, DemographicsView(clever_id, *shared))
        )
    for views in result.values():
        views.sort(key=lambda v: (v.student.name, v.student.id))
    return result


@functools.cache
def _enrolled_students(dialect: str) -> Select[Any]:
    return (
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
        .where(listed_in(enrollments.c.section_id, dialect), enrollments.c.active)
    )


@functools.cache
def grade_name(stored: str | None) -> str | None:
    grade = grade_of(stored)
    return grade.enum_name if grade else None
