"""Query: the viewer, one class, one sync run."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from graphql_api.access import class_access
from graphql_api.context import Info
from graphql_api.permissions import IsAuthenticated, guarded
from graphql_api.types.classes import ClassNode
from graphql_api.types.sync import SyncRun
from graphql_api.types.viewer import Viewer


@strawberry.type
class Query:
    @strawberry.field(description="The signed-in person; null when nobody is signed in.")
    def viewer(self, info: Info) -> Viewer | None:
        identity = info.context.viewer
        return Viewer.from_identity(identity) if identity else None

    @strawberry.field(
        name="class",
        description="A class the viewer teaches or is enrolled in; null for any other id.",
        extensions=guarded(IsAuthenticated()),
    )
    async def class_(self, info: Info, id: strawberry.ID) -> ClassNode | None:
        if await class_access(info.context, str(id)) is None:
            return None
        view = await info.context.loaders.class_by_id.load(str(id))
        return ClassNode.from_view(view) if view else None

    @strawberry.field(
        description="One of the viewer's own sync runs; null for any other id.",
        extensions=guarded(IsAuthenticated()),
    )
    async def sync_run(self, info: Info, id: strawberry.ID) -> SyncRun | None:
        teacher_id = info.context.require_viewer().teacher_id
        run_id = parse_run_id(id)
        if teacher_id is None or run_id is None:
            return None
        run = await run_in_threadpool(info.context.deps.reader.sync_run, run_id)
        if run is None or run.teacher_id != teacher_id:
            return None
        return SyncRun.from_domain(run)


def parse_run_id(raw: strawberry.ID) -> int | None:
    text = str(raw)
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)
