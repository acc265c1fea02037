"""A teacher's roster in one trip to storage.

``viewer { classes { … } }`` is the query the Manage Classes page sends on every visit. When it
asks for students, one call on a worker thread reads the classes with their teachers, their
students with grades and demographics, and (when demographics are asked for) writes their
audit record, before anything is resolved; the loaders are primed with what was read, so the
class and student fields resolve without further waits. Anything else loads field by field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from strawberry.types.nodes import SelectedField

from application.ports import ClassView, DemographicsAccess, TeacherRosterView, live_students
from graphql_api.audit import record, withheld
from graphql_api.context import GraphQLContext, Info


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
    viewer = context.viewer
    audited = bool(children(students, "demographics")) and viewer is not None
    cache = context.deps.response_cache
    version = context.roster_version
    key = (teacher_id, include_archived)
    roster = cache.roster(key, version) if cache is not None and version is not None else None
    if roster is None:
        roster = await _read(context, teacher_id, include_archived, audited)
        if cache is not None and version is not None:
            cache.remember_roster(key, version, roster)
    elif audited:
        await _audit_known_roster(context, roster)
    teachers = {c.klass.id: c.teachers for c in roster.classes}
    context.primed_teachers.update(teachers)
    context.primed_students.update(roster.students)
    loaders = context.loaders  # for fields reached another way, such as class(id)
    loaders.teachers_of_class.prime_many(teachers)
    loaders.students_of_class.prime_many(roster.students)
    return [c.klass for c in roster.classes]


async def _read(
    context: GraphQLContext, teacher_id: str, include_archived: bool, audited: bool
) -> TeacherRosterView:
    """The roster from storage, with the audit of its demographics when they are asked for."""
    viewer = context.viewer
    audit = None
    if audited and viewer is not None:
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
        _recorded(context, tuple(roster.audited), audit.at)
    return roster


async def _audit_known_roster(context: GraphQLContext, roster: TeacherRosterView) -> None:
    """A roster already read at this version: its demographics are recorded as read now,
    unless this viewer's read of the same students was recorded within the audit window."""
    viewer = context.viewer
    cache = context.deps.response_cache
    shown = tuple(live_students(roster.classes, roster.students))
    if viewer is None or cache is None or not shown:
        return
    now = context.deps.clock.now()
    at = cache.audit_covering(viewer.account_id, shown, now)
    if at is None:
        await record(context, context.revealed, list(shown))
        at = now
    _recorded(context, shown, at)


def _recorded(context: GraphQLContext, shown: tuple[str, ...], at: datetime) -> None:
    viewer = context.viewer
    cache = context.deps.response_cache
    context.revealed.recorded.update(shown)
    context.revealed.note_recorded(at)
    if cache is not None and viewer is not None:
        cache.note_audit(viewer.account_id, shown, at)


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
