"""Mutation: sync, preview, approve a held sync, rename or keep a class. Use cases do the work."""

from __future__ import annotations

import logging

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import FieldExtension

from application.approve_held_sync import ApproveHeldSyncCommand
from application.errors import CleverError
from application.keep_class import KeepClassAfterTermCommand
from application.preview_sync import PreviewSyncCommand
from application.rename_class import RenameClassCommand
from application.request_sync import RequestSyncCommand
from application.results import NotFound as NotFoundResult
from domain.changeset import ChangeSet as DomainChangeSet
from graphql_api.context import Info
from graphql_api.decision_mutations import DecisionMutations
from graphql_api.errors import BadUserInput, ServiceUnavailable
from graphql_api.outcomes import not_linked, refusal, sync_result
from graphql_api.permissions import IsAuthenticated, IsTeacher, guarded
from graphql_api.queries import parse_run_id
from graphql_api.types.changes import ChangeSet, referenced_class_ids
from graphql_api.types.classes import ClassNode, changed_class
from graphql_api.types.results import NotFound, PreviewResult, SyncWithCleverResult

log = logging.getLogger(__name__)


def teachers_only() -> list[FieldExtension]:
    return guarded(IsAuthenticated(), IsTeacher())


@strawberry.type
class Mutation(DecisionMutations):
    @strawberry.mutation(
        description="Sync the teacher's classes with Clever now.", extensions=teachers_only()
    )
    async def sync_with_clever(self, info: Info) -> SyncWithCleverResult:
        viewer = info.context.require_viewer()
        command = RequestSyncCommand(viewer.account_id)
        result = await run_in_threadpool(info.context.deps.request_sync, command)
        return sync_result(info.context, result)

    @strawberry.mutation(
        description="What a sync would change, without changing anything.",
        extensions=teachers_only(),
    )
    async def preview_clever_sync(self, info: Info) -> PreviewResult:
        teacher_id = info.context.require_viewer().teacher_id
        if teacher_id is None:
            return not_linked()
        command = PreviewSyncCommand(teacher_id)
        try:
            result = await run_in_threadpool(info.context.deps.preview_sync, command)
        except CleverError as exc:
            log.warning("preview: Clever could not be read (%s)", type(exc).__name__)
            raise ServiceUnavailable("Clever could not be reached; try again shortly.") from None
        if not isinstance(result, DomainChangeSet):
            return refusal(result)
        ids = sorted(referenced_class_ids(result))
        known = await info.context.loaders.class_by_id.load_many(ids)
        return ChangeSet.from_domain(result, {v.id: v for v in known if v is not None})

    @strawberry.mutation(
        description="Let a held mass change land (only the teacher's latest run).",
        extensions=teachers_only(),
    )
    async def approve_held_sync(
        self, info: Info, sync_run_id: strawberry.ID
    ) -> SyncWithCleverResult:
        teacher_id = info.context.require_viewer().teacher_id
        if teacher_id is None:
            return not_linked()
        run_id = parse_run_id(sync_run_id)
        if run_id is None:
            return NotFound(message="No such sync run.")
        command = ApproveHeldSyncCommand(run_id, teacher_id)
        result = await run_in_threadpool(info.context.deps.approve_held_sync, command)
        return sync_result(info.context, result)

    @strawberry.mutation(
        description="The teacher's own name for a class, kept by later syncs; "
        "null when the viewer does not teach that class.",
        extensions=teachers_only(),
    )
    async def rename_class(self, info: Info, id: strawberry.ID, name: str) -> ClassNode | None:
        viewer = info.context.require_viewer()
        command = RenameClassCommand(viewer.account_id, str(id), name)
        try:
            renamed = await run_in_threadpool(info.context.deps.rename_class, command)
        except ValueError as exc:
            raise BadUserInput(str(exc)) from None
        if isinstance(renamed, NotFoundResult):
            return None
        return await changed_class(info, str(id))

    @strawberry.mutation(
        description="Keep a class live after its Clever term ended (keep: false lets the "
        "daily job archive it); null when the viewer does not teach that class.",
        extensions=teachers_only(),
    )
    async def keep_class_after_term(
        self, info: Info, class_id: strawberry.ID, keep: bool
    ) -> ClassNode | None:
        viewer = info.context.require_viewer()
        command = KeepClassAfterTermCommand(viewer.account_id, str(class_id), keep)
        decided = await run_in_threadpool(info.context.deps.keep_class_after_term, command)
        if isinstance(decided, NotFoundResult):
            return None
        return await changed_class(info, str(class_id))
