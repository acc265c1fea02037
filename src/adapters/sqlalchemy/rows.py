"""Rows <-> domain objects for the roster tables."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from sqlalchemy import Row

from domain.demographics import DemographicProfile
from domain.grade_level import GradeLevel
from domain.roster import Class, Student, Teacher
from domain.term import ArchiveReason, Term

Values = dict[str, Any]
Source = Row[Any] | Mapping[str, Any]


def _fields(source: Source) -> Mapping[str, Any]:
    """A row's columns, or a mapping of the same keys (a held change set's JSON)."""
    if isinstance(source, Row):
        return cast(Mapping[str, Any], source._mapping)
    return source


def grade_of(value: str | None) -> GradeLevel | None:
    return GradeLevel(value) if value is not None else None


def teacher_values(t: Teacher) -> Values:
    return {
        "clever_id": t.clever_id,
        "district_id": t.district_id,
        "name": t.name,
        "email": t.email,
        "school_ids": list(t.school_ids),
        "account_id": t.account_id,
        "rostering_started": t.rostering_started,
    }


def teacher_from(row: Source) -> Teacher:
    m = _fields(row)
    return Teacher(
        clever_id=m["clever_id"],
        district_id=m["district_id"],
        name=m["name"],
        email=m["email"],
        school_ids=tuple(m["school_ids"]),
        account_id=m["account_id"],
        rostering_started=m["rostering_started"],
    )


def student_values(s: Student) -> Values:
    return {
        "clever_id": s.clever_id,
        "district_id": s.district_id,
        "name": s.name,
        "email": s.email,
        "grade": s.grade.clever_value if s.grade else None,
        **s.demographics.as_dict(),
        "account_id": s.account_id,
    }


def student_from(row: Source) -> Student:
    m = _fields(row)
    return Student(
        clever_id=m["clever_id"],
        district_id=m["district_id"],
        name=m["name"],
        email=m["email"],
        grade=grade_of(m["grade"]),
        demographics=DemographicProfile(
            ell_status=m["ell_status"],
            hispanic_ethnicity=m["hispanic_ethnicity"],
            iep_status=m["iep_status"],
            frl_status=m["frl_status"],
            race=m["race"],
            gender=m["gender"],
        ),
        account_id=m["account_id"],
    )


def class_values(c: Class) -> Values:
    return {
        "section_id": c.section_id,
        "district_id": c.district_id,
        "school_id": c.school_id,
        "clever_name": c.clever_name,
        "custom_name": c.custom_name,
        "subject": c.subject,
        "period": c.period,
        "grade": c.grade.clever_value if c.grade else None,
        "owner_id": c.owner_id,
        "archived": c.archived,
        **term_values(c.term),
        "kept_after_term": c.kept_after_term,
        "archived_reason": c.archived_reason.value if c.archived_reason else None,
    }


def term_values(term: Term | None) -> Values:
    return {
        "term_id": term.id if term else None,
        "term_name": term.name if term else None,
        "term_start_date": term.start_date if term else None,
        "term_end_date": term.end_date if term else None,
    }


def term_from(row: Source) -> Term | None:
    """A stored term; rows and held change sets from before terms were kept have none."""
    m = _fields(row)
    term_id = m.get("term_id")
    if term_id is None:
        return None
    return Term(
        term_id, m.get("term_name"), _day(m.get("term_start_date")), _day(m.get("term_end_date"))
    )


def _day(value: object) -> date | None:
    """A date column, or its ISO text in a held change set's JSON."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def class_from(row: Source) -> Class:
    m = _fields(row)
    return Class(
        section_id=m["section_id"],
        district_id=m["district_id"],
        school_id=m["school_id"],
        clever_name=m["clever_name"],
        subject=m["subject"],
        period=m["period"],
        grade=grade_of(m["grade"]),
        owner_id=m["owner_id"],
        custom_name=m["custom_name"],
        archived=m["archived"],
        term=term_from(m),
        kept_after_term=bool(m.get("kept_after_term", False)),
        archived_reason=archive_reason(m.get("archived_reason"), m["archived"]),
    )


def archive_reason(value: str | None, archived: bool) -> ArchiveReason | None:
    if not archived:
        return None
    return ArchiveReason(value) if value else ArchiveReason.SECTION_GONE
