"""The signed-in person and what hangs off them: their classes and sync runs."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from domain import viewer as domain_viewer
from graphql_api.access import grant
from graphql_api.context import ClassAccess, Info
from graphql_api.enums import Role
from graphql_api.roster_fetch import teacher_classes
from graphql_api.types.classes import ClassNode
from graphql_api.types.sync import SyncRun
from graphql_api.viewer import viewer_has_premium

MAX_SYNC_RUNS = 100


@strawberry.type
class Viewer:
    id: strawberry.ID
    name: str
    role: Role
    clever_linked: bool
    identity: strawberry.Private[domain_viewer.Viewer]

    @classmethod
    def from_identity(cls, identity: domain_viewer.Viewer) -> Viewer:
        return cls(
            id=strawberry.ID(str(identity.account_id)),
            name=identity.name,
            role=identity.role,
            clever_linked=identity.clever_linked,
            identity=identity,
        )

    @strawberry.field(description="Whether the teacher has an active Premium licence.")
    async def premium(self, info: Info) -> bool:
        teacher_id = self.identity.teacher_id
        if teacher_id is None:
            return False
        deps = info.context.deps
        return await run_in_threadpool(viewer_has_premium, deps.uow, deps.clock, teacher_id)

    @strawberry.field(
        description="A connected teacher's classes (owned or co-taught); "
        "a student's active classes (never archived ones)."
    )
    async def classes(self, info: Info, include_archived: bool | None = False) -> list[ClassNode]:
        loaders = info.context.loaders
        if self.identity.teacher_id is not None:
            views = await teacher_classes(info, self.identity.teacher_id, bool(include_archived))
            access = ClassAccess.TEACHER
        elif self.identity.student_id is not None:
            views = await loaders.classes_of_student.load(self.identity.student_id)
            access = ClassAccess.STUDENT
        else:
            return []
        grant(info.context, [v.id for v in views], access)
        return [ClassNode.from_view(v) for v in views]

    @strawberry.field(description="The teacher's latest sync runs, newest first (at most 100).")
    async def sync_runs(self, info: Info, first: int | None = 10) -> list[SyncRun]:
        teacher_id = self.identity.teacher_id
        if teacher_id is None or first is None or first <= 0:
            return []
        reader = info.context.deps.reader
        runs = await run_in_threadpool(
            reader.sync_runs_for_teacher, teacher_id, min(first, MAX_SYNC_RUNS)
        )
        return [SyncRun.from_domain(run) for run in runs]
