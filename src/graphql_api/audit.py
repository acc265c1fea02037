"""The demographics audit of an answer: every student whose demographics a response shows is
written down (who read whose, and when) before the response leaves.

Resolvers only note the students they reveal; once execution is complete, one statement
records them all. When it cannot be written, the answer is withheld and the client is told to
try again: demographics are never shown without their record.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension

from graphql_api.errors import ServiceUnavailable

if TYPE_CHECKING:
    from graphql_api.context import GraphQLContext

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


class AuditRevealedDemographics(SchemaExtension):
    """Writes the audit record of what the operation revealed, after execution and before the
    result is returned; a failed write turns the whole answer into an error."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        revealed: RevealedDemographics | None = getattr(context, "revealed", None)
        if revealed is None:
            return
        pending = revealed.student_ids - revealed.recorded
        if pending:
            await record(context, revealed, sorted(pending))


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
        log.error("demographics audit not written (%s): answer withheld", type(exc).__name__)
        raise ServiceUnavailable(UNRECORDED) from exc
    revealed.recorded.update(student_ids)
    revealed.note_recorded(at)
