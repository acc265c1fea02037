"""Expected failures of the sync mutations: union members, each with a message."""

from __future__ import annotations

from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool

from graphql_api.context import Info
from graphql_api.types.changes import ChangeSet
from graphql_api.types.sync import SyncRun


@strawberry.type
class CleverNotLinked:
    message: str


@strawberry.type
class PremiumRequired:
    message: str


@strawberry.type
class NotFound:
    message: str


@strawberry.type
class SyncAlreadyRunning:
    message: str
    run_id: strawberry.Private[int]

    @strawberry.field(description="The run in flight, when it can be shown.")
    async def sync_run(self, info: Info) -> SyncRun | None:
        viewer = info.context.viewer
        if not self.run_id or viewer is None or viewer.teacher_id is None:
            return None
        run = await run_in_threadpool(info.context.deps.reader.sync_run, self.run_id)
        if run is None or run.teacher_id != viewer.teacher_id:
            return None
        return SyncRun.from_domain(run)


SyncWithCleverResult = Annotated[
    SyncRun | CleverNotLinked | PremiumRequired | SyncAlreadyRunning | NotFound,
    strawberry.union("SyncWithCleverResult"),
]

PreviewResult = Annotated[
    ChangeSet | CleverNotLinked | PremiumRequired | NotFound,
    strawberry.union("PreviewResult"),
]
