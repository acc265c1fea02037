"""The roster repository's reads, each statement built once per SQL dialect (the id lists
are parameters)."""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, union_all

from adapters.sqlalchemy.json_rows import ids_param, listed_in, unpacked
from adapters.sqlalchemy.tables import class_teachers, classes, enrollments, students, teachers
from domain.rollover import TermRules

# What a Class is built from (not when it was last synced).
CLASS_COLUMNS = [c for c in classes.c if c.name != "last_synced_at"]


@functools.cache
def sections_of_people(dialect: str) -> Any:
    live = classes.c.archived.is_(False)
    attended = (
        select(enrollments.c.student_id, enrollments.c.section_id)
        .join(classes, classes.c.section_id == enrollments.c.section_id)
        .where(listed_in(enrollments.c.student_id, dialect), enrollments.c.active, live)
    )
    taught = (
        select(class_teachers.c.teacher_id, class_teachers.c.section_id)
        .join(classes, classes.c.section_id == class_teachers.c.section_id)
        .where(listed_in(class_teachers.c.teacher_id, dialect), live)
    )
    return attended.union_all(taught)


@functools.cache
def stored_people(dialect: str) -> Any:
    return union_all(
        select(students.c.clever_id).where(listed_in(students.c.clever_id, dialect)),
        select(teachers.c.clever_id).where(listed_in(teachers.c.clever_id, dialect)),
    )


class StateReads(NamedTuple):
    classes: Select[Any]
    taught: Select[Any]
    seats: Select[Any]
    students: Select[Any]
    teachers: Select[Any]


@functools.cache
def state_reads(dialect: str) -> StateReads:
    """``load_state``'s statements, built once per dialect; the id lists are parameters."""
    taught = select(class_teachers.c.section_id).where(
        listed_in(class_teachers.c.teacher_id, dialect, "teachers")
    )
    named = select(unpacked(ids_param("sections", classes.c.section_id, dialect), dialect))
    classes_read = (
        select(*CLASS_COLUMNS, class_teachers.c.teacher_id)
        .outerjoin(class_teachers, class_teachers.c.section_id == classes.c.section_id)
        .where(classes.c.section_id.in_(union_all(taught, named)))
    )
    taught_ids = (
        select(class_teachers.c.teacher_id, class_teachers.c.section_id, classes.c.archived)
        .join(classes, classes.c.section_id == class_teachers.c.section_id)
        .where(listed_in(class_teachers.c.teacher_id, dialect))
    )
    seats = select(enrollments.c.section_id, enrollments.c.student_id, enrollments.c.active)
    return StateReads(
        classes=classes_read,
        taught=taught_ids,
        seats=seats.where(listed_in(enrollments.c.section_id, dialect)),
        students=select(students).where(listed_in(students.c.clever_id, dialect)),
        teachers=select(teachers).where(listed_in(teachers.c.clever_id, dialect)),
    )


def term_rules_may_touch(rules: TermRules) -> ColumnElement[bool]:
    """Narrows the read to the classes ``rules.due`` may hold for (the rule itself decides):
    a stored term that differs from Clever's, or one that ended before the cutoff, not kept."""
    c = classes.c
    changed = [
        and_(
            c.term_id == term_id,
            or_(
                c.term_name.is_distinct_from(term.name),
                c.term_start_date.is_distinct_from(term.start_date),
                c.term_end_date.is_distinct_from(term.end_date),
            ),
        )
        for term_id, term in rules.terms.items()
    ]
    if rules.cutoff is not None:
        changed.append(and_(c.term_end_date < rules.cutoff, c.kept_after_term.is_(False)))
    return or_(false(), *changed)
