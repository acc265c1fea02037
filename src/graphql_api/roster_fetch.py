"""A teacher's roster in one trip to storage.

``viewer { classes { … } }`` is the query the Manage Classes page sends on every visit. When it
asks for students, one trip to a worker thread reads the classes with their teachers, their
students with grades and demographics, and (when demographics are asked for) has the audit
rule write their record, before anything is resolved; the loaders are primed with what was
read, so the class and student fields resolve without further waits. The roster read at this request's
roster version is kept for other queries over it at that version (any other request body).
Anything else loads field by field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.concurrency import run_in_threadpool
from strawberry.types.nodes import SelectedField

from application.ports import ClassView, TeacherRosterView, live_students
from graphql_api.audit import withheld
from graphql_api.context import GraphQLContext, Info


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
    answers, version = context.deps.answers, context.roster_version
    key = (teacher_id, include_archived)
    roster = answers.roster(key, version) if answers is not None and version is not None else None
    if roster is None:  # else read at this request's version: its demographics are audited
        roster = await _read(
            context, teacher_id, include_archived, bool(children(students, "demographics"))
        )
        if answers is not None and version is not None:
            answers.keep_roster(key, version, roster)
    teachers = {c.klass.id: c.teachers for c in roster.classes}
    context.primed_teachers.update(teachers)
    context.primed_students.update(roster.students)
    loaders.teachers_of_class.prime_many(teachers)  # for fields reached another way
    loaders.students_of_class.prime_many(roster.students)
    return [c.klass for c in roster.classes]


async def _read(
    context: GraphQLContext, teacher_id: str, include_archived: bool, demographics: bool
) -> TeacherRosterView:
    """From storage, with the audit entries of its demographics when they are asked for (the
    students of the live classes: see live_students); none is shown unless they are written."""
    reader, viewer = context.deps.reader, context.viewer
    if not demographics or viewer is None:
        return await run_in_threadpool(reader.teacher_roster, teacher_id, include_archived)
    audit, now = context.deps.demographics_audit, context.deps.clock.now()
    recorded: list[str] = []

    def read_and_record() -> TeacherRosterView:
        roster = reader.teacher_roster(teacher_id, include_archived)
        shown = live_students(roster.classes, roster.students)
        try:
            audit.record(viewer.account_id, shown, now)
        except Exception as exc:
            raise withheld(exc) from None
        recorded.extend(shown)
        return roster

    roster = await run_in_threadpool(read_and_record)
    context.revealed.recorded.update(recorded)
    return roster


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
