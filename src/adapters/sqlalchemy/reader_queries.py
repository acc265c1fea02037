"""Column lists and row-to-view helpers shared by the reader's batch queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, func, select

from adapters.sqlalchemy.rows import archive_reason, grade_of, term_from
from adapters.sqlalchemy.tables import classes, enrollments
from application.ports import ClassTeacherView, ClassView, DemographicsView, StudentView
from domain.demographics import ALL_FIELDS as DEMOGRAPHIC_FIELDS


def class_columns() -> list[ColumnElement[Any]]:
    """A class's own columns plus its active student count, as a correlated subquery."""
    counted = enrollments.alias("counted")
    student_count = (
        select(func.count())
        .where(counted.c.section_id == classes.c.section_id, counted.c.active)
        .correlate(classes)
        .scalar_subquery()
        .label("student_count")
    )
    return [*classes.c, student_count]


def class_view(row: Row[Any]) -> ClassView:
    grade = grade_of(row.grade)
    return ClassView(
        id=row.section_id,
        name=row.custom_name or row.clever_name,
        subject=row.subject,
        period=row.period,
        grade_level=grade.enum_name if grade else None,
        archived=row.archived,
        owner_id=row.owner_id,
        last_synced_at=row.last_synced_at,
        student_count=row.student_count,
        term=term_from(row),
        kept_after_term=row.kept_after_term,
        archived_reason=archive_reason(row.archived_reason, row.archived),
        district_id=row.district_id,
        archived_at=row.archived_at,
    )


def student_view(row: Row[Any]) -> StudentView:
    grade = grade_of(row.grade)
    return StudentView(
        id=row.clever_id,
        name=row.name,
        grade_level=grade.enum_name if grade else None,
        joined=row.account_id is not None,
    )


def teacher_name(row: Any) -> str:
    """Clever may list a teacher whose own record it does not share: show the id then."""
    return str(row.name) if row.name is not None else str(row.teacher_id)


def class_teacher_view(row: Any) -> ClassTeacherView:
    """A row with section_id, teacher_id, owner_id and the teacher's name and account_id."""
    return ClassTeacherView(
        section_id=row.section_id,
        teacher_id=row.teacher_id,
        name=teacher_name(row),
        role="owner" if row.teacher_id == row.owner_id else "co_teacher",
        connected=row.account_id is not None,
    )


def demographics_view(row: Any) -> DemographicsView:
    """A students row (its clever_id and demographic columns)."""
    return DemographicsView(
        row.clever_id, **{name: getattr(row, name) for name in DEMOGRAPHIC_FIELDS}
    )
