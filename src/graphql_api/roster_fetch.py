"""A teacher's roster in one trip to storage.

``viewer { classes { … } }`` is the query the Manage Classes page sends on every visit. When it
asks for students, one call on a worker thread reads the classes with their teachers, their
students with grades and demographics, and (when demographics are asked for) writes their
audit record, before anything is resolved; the loaders are primed with what was read, so the
class and student fields resolve without further waits. Anything else loads field by field.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from strawberry.types.nodes import SelectedField

from application.ports import ClassView, EnrolledStudentView, TaughtClassView
from graphql_api.audit import UNRECORDED
from graphql_api.context import GraphQLContext, Info
from graphql_api.errors import ServiceUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Roster:
    taught: list[TaughtClassView]
    enrolled: dict[str, list[EnrolledStudentView]]
    recorded: list[str]  # students whose demographics are audited as shown
    at: datetime | None


async def teacher_classes(info: Info, teacher_id: str, include_archived: bool) -> list[ClassView]:
    context = info.context
    students = children(info.selected_fields, "students")
    if not students:
        loaders = context.loaders
        loader = (
            loaders.classes_of_teacher_with_archived
            if include_archived
            else loaders.classes_of_teacher
        )
        return await loader.load(teacher_id)
    shows_demographics = bool(children(students, "demographics"))
    try:
        roster = await run_in_threadpool(
            _fetch, context, teacher_id, include_archived, shows_demographics
        )
    except _AuditNotWritten:
        raise ServiceUnavailable(UNRECORDED) from None
    loaders = context.loaders
    loaders.teachers_of_class.prime_many({c.klass.id: c.teachers for c in roster.taught})
    loaders.students_of_class.prime_many(roster.enrolled)
    if roster.at is not None:
        context.revealed.recorded.update(roster.recorded)
        context.revealed.note_recorded(roster.at)
    return [c.klass for c in roster.taught]


class _AuditNotWritten(Exception):
    pass


def _fetch(
    context: GraphQLContext, teacher_id: str, include_archived: bool, shows_demographics: bool
) -> _Roster:
    reader = context.deps.reader
    taught = reader.taught_classes_for_teachers([teacher_id], include_archived)[teacher_id]
    enrolled = reader.enrolled_students_for_classes([c.klass.id for c in taught])
    viewer = context.viewer
    if not shows_demographics or viewer is None:
        return _Roster(taught, enrolled, [], None)
    # The same rule as the students field: demographics of live classes only.
    shown = sorted(
        {e.student.id for c in taught if not c.klass.archived for e in enrolled[c.klass.id]}
    )
    if not shown:
        return _Roster(taught, enrolled, [], None)
    at = context.deps.clock.now()
    try:
        reader.record_demographics_access(viewer.account_id, shown, at)
    except Exception as exc:
        log.error("demographics audit not written (%s): answer withheld", type(exc).__name__)
        raise _AuditNotWritten from exc
    return _Roster(taught, enrolled, shown, at)


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
