"""The demographics audit of an answer: every student whose demographics a response shows is
written down (who read whose, and when) before the response leaves.

Resolvers note the students they reveal (a teacher's roster read records them as it reads);
once execution is complete, the rest are recorded by the rule in
``application.demographics_audit`` (a repeat within its window is covered by the entries of
the read before). When the record cannot be written, the answer is withheld and the client is
told to try again: demographics are never shown without their record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool

from graphql_api.errors import ServiceUnavailable

if TYPE_CHECKING:
    from graphql_api.context import GraphQLContext

log = logging.getLogger(__name__)

UNRECORDED = "Demographics cannot be shown just now (their access record could not be written)."


@dataclass
class RevealedDemographics:
    """Whose demographics this request revealed, and which of them are recorded already."""

    student_ids: set[str] = field(default_factory=set)
    recorded: set[str] = field(default_factory=set)


async def record_revealed(context: GraphQLContext) -> None:
    """Raises ServiceUnavailable when the entries this answer needs cannot be written."""
    revealed = context.revealed
    if not revealed.student_ids - revealed.recorded:
        return
    viewer = context.viewer
    if viewer is None:  # demographics are resolved only for a signed-in teacher
        raise ServiceUnavailable(UNRECORDED)
    audit, now = context.deps.demographics_audit, context.deps.clock.now()
    if audit.due(viewer.account_id, revealed.student_ids, now):
        try:
            await run_in_threadpool(audit.record, viewer.account_id, revealed.student_ids, now)
        except Exception as exc:
            raise withheld(exc) from exc
    revealed.recorded.update(revealed.student_ids)


def withheld(exc: Exception) -> ServiceUnavailable:
    """The error that replaces an answer whose demographics could not be recorded."""
    log.error("demographics audit not written (%s): answer withheld", type(exc).__name__)
    return ServiceUnavailable(UNRECORDED)
