"""A teacher's roster in one trip to storage.

``viewer { classes { … } }`` is the query the Manage Classes page sends on every visit. When it
asks for students, one call on a worker thread reads the classes with their teachers, their
students with grades and demographics, and (when demographics are asked for) writes their
audit record, before anything is resolved; the loaders are primed with what was read, so the
class and student fields resolve without further waits. Anything else loads field by field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.concurrency import run_in_threadpool
from strawberry.types.nodes import SelectedField

from application.ports import ClassView, DemographicsAccess
from graphql_api.audit import withheld
from graphql_api.context import Info


async def teacher_classes(info: Info, teacher_id: str, include_archived: bool) -> list[ClassView]:
    context = info.context
    loaders = context.loaders
    students = children(info.selected_fields, "students")
    if not students:
        loader = (
            loaders.classes_of_teacher_with_archived
            if include_archived
            else loaders.classes_of_teacher
        )
        return await loader.load(teacher_id)
    viewer = context.viewer
    audit = None
    if children(students, "demographics") and viewer is not None:
        audit = DemographicsAccess(viewer.account_id, context.deps.clock.now())
    try:
        roster = await run_in_threadpool(
            context.deps.reader.teacher_roster, teacher_id, include_archived, audit
        )
    except Exception as exc:
        if audit is None:
            raise
        raise withheld(exc) from None
    if audit is not None and roster.audited:
        context.revealed.recorded.update(roster.audited)
        context.deps.demographics_audit.written(audit.viewer_account_id, roster.audited, audit.at)
    teachers = {c.klass.id: c.teachers for c in roster.classes}
    context.primed_teachers.update(teachers)
    context.primed_students.update(roster.students)
    loaders.teachers_of_class.prime_many(teachers)  # for fields reached another way
    loaders.students_of_class.prime_many(roster.students)
    return [c.klass for c in roster.classes]


def children(selections: Iterable[Any], name: str) -> list[SelectedField]:
    """The fields called ``name`` directly under these selections, looking inside fragments.
    A field skipped by a directive still counts (reading more, or auditing more, than shown
    errs on the safe side)."""
    found: list[SelectedField] = []
    pending: list[Any] = list(selections)
    while pending:
        selection = pending.pop()
        for child in getattr(selection, "selections", ()):
            if isinstance(child, SelectedField):
                if child.name == name:
                    found.append(child)
            else:  # a fragment spread or an inline fragment
                pending.append(child)
    return found
