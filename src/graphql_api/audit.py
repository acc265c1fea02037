"""The demographics audit of an answer: every student whose demographics a response shows is
written down (who read whose, and when) before the response leaves.

Resolvers only note the students they reveal (a teacher's roster read records them with the
read); once execution is complete, the view records any not recorded yet in one statement.
When the record cannot be written, the answer is withheld and the client is told to try again:
demographics are never shown without their record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from strawberry.types import ExecutionResult

from graphql_api.errors import ServiceUnavailable

if TYPE_CHECKING:
    from graphql_api.context import GraphQLContext

CONTEXT = "rostersync_graphql_context"  # where new_context leaves the context on the request

log = logging.getLogger(__name__)

UNRECORDED = "Demographics cannot be shown just now (their access record could not be written)."


@dataclass
class RevealedDemographics:
    """Whose demographics this request revealed, and when their audit record was written: a
    response cache needs both to audit its repeat answers."""

    student_ids: set[str] = field(default_factory=set)
    recorded: set[str] = field(default_factory=set)  # of those, already written down
    audited_at: datetime | None = None  # the earliest record written for this answer

    def note_recorded(self, at: datetime) -> None:
        self.audited_at = at if self.audited_at is None else min(self.audited_at, at)


async def audited(request: Request, result: ExecutionResult) -> ExecutionResult:
    """The result of an operation, once the demographics it shows and that are not recorded
    yet are written down; if they cannot be, an error instead of the data."""
    context: GraphQLContext | None = getattr(request.state, CONTEXT, None)
    if context is None:
        return result
    revealed = context.revealed
    pending = revealed.student_ids - revealed.recorded
    if not pending:
        return result
    try:
        await record(context, revealed, sorted(pending))
    except ServiceUnavailable as error:
        return ExecutionResult(data=None, errors=[error])
    return result


async def record(
    context: GraphQLContext, revealed: RevealedDemographics, student_ids: list[str]
) -> None:
    viewer = context.viewer
    if viewer is None:  # demographics are resolved only for a signed-in teacher
        raise ServiceUnavailable(UNRECORDED)
    at = context.deps.clock.now()
    try:
        await run_in_threadpool(
            context.deps.reader.record_demographics_access, viewer.account_id, student_ids, at
        )
    except Exception as exc:
        raise withheld(exc) from exc
    revealed.recorded.update(student_ids)
    revealed.note_recorded(at)


def withheld(exc: Exception) -> ServiceUnavailable:
    """The error that replaces an answer whose demographics could not be recorded."""
    log.error("demographics audit not written (%s): answer withheld", type(exc).__name__)
    return ServiceUnavailable(UNRECORDED)
