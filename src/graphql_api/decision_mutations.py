"""Mutations for teachers' decisions: a class's sync mode, students kept out or kept in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import strawberry
from starlette.concurrency import run_in_threadpool

from application.results import NotFound
from application.roster_decisions import (
    ClearStudentException,
    DecisionCommand,
    DecisionRefused,
    KeepStudentIn,
    KeepStudentOut,
    SetSyncMode,
)
from graphql_api.access import could_be_class_id
from graphql_api.context import Info
from graphql_api.enums import SyncMode
from graphql_api.errors import BadUserInput
from graphql_api.permissions import IsAuthenticated, IsTeacher, guarded
from graphql_api.types.classes import ClassNode, changed_class

NOT_YOURS = "You teach no class with that id."
NO_SUCH_STUDENT = "No student with that id."


@strawberry.type
class DecisionMutations:
    @strawberry.mutation(
        description="How syncs treat the class; resuming a paused class syncs it now.",
        extensions=guarded(IsAuthenticated(), IsTeacher()),
    )
    async def set_class_sync_mode(
        self, info: Info, class_id: strawberry.ID, mode: SyncMode
    ) -> ClassNode | None:
        return await _decide(info, class_id, None, lambda a, c, _: SetSyncMode(a, c, mode))

    @strawberry.mutation(
        description="Un-enrol the student; no sync or Clever login enrols them again.",
        extensions=guarded(IsAuthenticated(), IsTeacher()),
    )
    async def keep_student_out(
        self, info: Info, class_id: strawberry.ID, student_id: strawberry.ID
    ) -> ClassNode | None:
        return await _decide(info, class_id, student_id, KeepStudentOut)

    @strawberry.mutation(
        description="Keep the student although Clever drops them, until the date (or undone).",
        extensions=guarded(IsAuthenticated(), IsTeacher()),
    )
    async def keep_student_in(
        self,
        info: Info,
        class_id: strawberry.ID,
        student_id: strawberry.ID,
        until: date | None = strawberry.UNSET,  # an optional argument with no default shown
    ) -> ClassNode | None:
        day = until if isinstance(until, date) else None
        return await _decide(
            info, class_id, student_id, lambda a, c, s: KeepStudentIn(a, c, s, day)
        )

    @strawberry.mutation(
        description="Undo a decision about the student: the next sync follows Clever again.",
        extensions=guarded(IsAuthenticated(), IsTeacher()),
    )
    async def clear_student_exception(
        self, info: Info, class_id: strawberry.ID, student_id: strawberry.ID
    ) -> ClassNode | None:
        return await _decide(info, class_id, student_id, ClearStudentException)


async def _decide(
    info: Info,
    class_id: str,
    student_id: str | None,
    build: Callable[[int, str, str], DecisionCommand],
) -> ClassNode | None:
    viewer = info.context.require_viewer()
    section_id = str(class_id)
    if not could_be_class_id(section_id):
        raise BadUserInput(NOT_YOURS)
    if student_id is not None and not could_be_class_id(str(student_id)):
        raise BadUserInput(NO_SUCH_STUDENT)
    command = build(viewer.account_id, section_id, str(student_id))
    outcome = await run_in_threadpool(info.context.deps.decide_roster, command)
    if isinstance(outcome, NotFound):
        raise BadUserInput(NOT_YOURS)
    if isinstance(outcome, DecisionRefused):
        raise BadUserInput(outcome.message)
    return await changed_class(info, section_id)
