"""The /graphql endpoint with the response cache in front of strawberry.

A signed-in JSON POST of a roster query first learns the roster version and the viewer: read
in one statement, or remembered while the storage's change marker says nothing was committed
since. A cached answer for that viewer and body, made at that version, is sent as it is: no
parsing, validation or execution. Anything else runs through strawberry, and a successful
answer is kept, with the students whose demographics it revealed so that its repeats are
audited too.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from prometheus_client import Counter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from application.ports import VersionedViewer, ViewerView
from graphql_api.audit import audited
from graphql_api.cache import CachedAnswer, CacheKey, ResponseCache
from graphql_api.cache_policy import plain_json_post, request_query, roster_query
from graphql_api.context import GraphQLContext, new_context
from graphql_api.dependencies import WebDependencies
from graphql_api.metrics import AppMetrics
from graphql_api.schema import MAX_TOKENS, build_schema
from graphql_api.session import current_account_id
from graphql_api.view import RostersyncGraphQL
from graphql_api.viewer import ViewerIdentity

PENDING = "rostersync_cached_request"
LOOKED_UP = "rostersync_cache_lookup"  # (account id, pending answer) the front door found


@dataclass
class PendingAnswer:
    """A cacheable request on its way through strawberry."""

    key: CacheKey
    current: VersionedViewer
    context: GraphQLContext | None = None
    failed: bool = False


class CachingGraphQL(RostersyncGraphQL):
    def __init__(self, deps: WebDependencies, metrics: AppMetrics, cache: ResponseCache) -> None:
        super().__init__(deps, metrics)
        self.cache = cache
        self.graphql_schema = build_schema(deps.config.production)._schema
        self._flights: dict[CacheKey, asyncio.Event] = {}
        self.outcomes = Counter(
            "rostersync_graphql_cache",
            "GraphQL POSTs by response cache outcome: hit, miss, or skipped (not cacheable).",
            ["outcome"],
            registry=metrics.registry,
        )

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        pending = await self._lookup(request) if isinstance(request, Request) else None
        if pending is None:
            self.outcomes.labels("skipped").inc()
            return await super().run(request, context, root_value)
        answer = await self._stored(pending)
        if answer is not None:
            self.outcomes.labels("hit").inc()
            await self._audit_repeat(pending.key, answer)
            return Response(answer.body, media_type="application/json")
        self.outcomes.labels("miss").inc()
        setattr(request.state, PENDING, pending)
        flight = self._flights[pending.key] = asyncio.Event()
        try:
            response = await super().run(request, context, root_value)
            self._keep(pending, response)
        finally:
            flight.set()
            if self._flights.get(pending.key) is flight:
                del self._flights[pending.key]
        return response

    async def cached_body(
        self, account_id: int, headers: Mapping[str, str], body: bytes, state: dict[str, Any]
    ) -> bytes | None:
        """The stored answer for a signed-in POST, audited like any hit, or None: the request
        then goes through the view, which finds this lookup in the request's ``state``. Used
        by the front door for cache hits."""
        if not plain_json_post(headers):
            return None
        pending = await self._pending(account_id, body)
        state[LOOKED_UP] = (account_id, pending)
        if pending is None:
            return None
        answer = await self._stored(pending)
        if answer is None:
            return None
        await self._audit_repeat(pending.key, answer)
        self.outcomes.labels("hit").inc()
        return answer.body

    async def _stored(self, pending: PendingAnswer) -> CachedAnswer | None:
        """The stored answer, once an identical request already running has stored its own:
        one execution serves a burst of repeats (as right after the roster changed)."""
        flight = self._flights.get(pending.key)
        if flight is not None:
            await flight.wait()
        return self.cache.get(pending.key, pending.current)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        pending: PendingAnswer | None = getattr(request.state, PENDING, None)
        if pending is None:
            return await super().get_context(request, response)
        assert isinstance(request, Request) and isinstance(response, Response)
        viewer = identity(pending.current.viewer)  # already read with the version: no re-read
        pending.context = new_context(request, response, self.deps, self.metrics, viewer)
        pending.context.roster_version = pending.current.roster_version
        return pending.context

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        result = await audited(request, result)
        pending: PendingAnswer | None = getattr(request.state, PENDING, None)
        if pending is not None and result.errors:
            pending.failed = True
        return await GraphQL.process_result(self, request, result)

    async def _lookup(self, request: Request) -> PendingAnswer | None:
        if request.method != "POST" or not plain_json_post(request.headers):
            return None
        account_id = current_account_id(request)
        if account_id is None:
            return None
        looked_up = getattr(request.state, LOOKED_UP, None)
        if looked_up is not None and looked_up[0] == account_id:  # by the front door
            found: PendingAnswer | None = looked_up[1]
            return found
        return await self._pending(account_id, await request.body())

    async def _pending(self, account_id: int, body: bytes) -> PendingAnswer | None:
        if len(body) > self.cache.limits.max_request_bytes:
            return None
        digest = hashlib.blake2b(body, digest_size=16).digest()
        if not self._cacheable(digest, body):
            return None
        current = await self._current(account_id)
        if current is None:  # the account is gone: the view signs the session out
            return None
        return PendingAnswer(CacheKey(account_id, current.viewer.role, digest), current)

    async def _current(self, account_id: int) -> VersionedViewer | None:
        """The roster version and the viewer: remembered while the storage's change marker
        says nothing was committed since, else read (one statement)."""
        reader = self.deps.reader
        marker = reader.change_marker()
        if marker is not None:
            known = self.cache.known_viewer(account_id, marker)
            if known is not None:
                return known
        current = await run_in_threadpool(reader.roster_version_and_viewer, account_id)
        if current is not None and marker is not None:
            self.cache.remember_viewer(marker, current)
        return current

    def _cacheable(self, digest: bytes, body: bytes) -> bool:
        """Judged once per distinct body, and the query once per distinct text: requests that
        differ only in their variables share the verdict on their query."""
        verdict = self.cache.verdict(digest)
        if verdict is None:
            query = request_query(body)
            verdict = query is not None and self._roster_query(query)
            self.cache.remember_verdict(digest, verdict)
        return verdict

    def _roster_query(self, query: str) -> bool:
        digest = hashlib.blake2b(query.encode(errors="replace"), digest_size=16).digest()
        verdict = self.cache.query_verdict(digest)
        if verdict is None:
            verdict = roster_query(query, self.graphql_schema, MAX_TOKENS)
            self.cache.remember_query_verdict(digest, verdict)
        return verdict

    def _keep(self, pending: PendingAnswer, response: Response) -> None:
        context = pending.context
        if (
            pending.failed
            or context is None
            or response.status_code != 200
            or "set-cookie" in response.headers
        ):
            return
        revealed = context.revealed
        self.cache.put(
            pending.key,
            CachedAnswer(
                roster_version=pending.current.roster_version,
                viewer=pending.current.viewer,
                body=bytes(response.body),
                revealed=tuple(sorted(revealed.student_ids)),
                audited_at=revealed.audited_at,
            ),
        )

    async def _audit_repeat(self, key: CacheKey, answer: CachedAnswer) -> None:
        """Every answer that shows demographics is covered by an audit record written before it
        is sent: within the audit window the previous record covers it, after it a new one."""
        window = self.cache.limits.audit_window
        if not answer.audit_due(self.deps.clock.now(), window):
            return
        async with answer.audit_lock:
            now = self.deps.clock.now()
            if not answer.audit_due(now, window):
                return  # a concurrent hit has just written it
            await run_in_threadpool(
                self.deps.reader.record_demographics_access, key.account_id, answer.revealed, now
            )
            answer.audited_at = now


def identity(viewer: ViewerView) -> ViewerIdentity:
    return ViewerIdentity(
        viewer.account_id,
        viewer.name,
        viewer.role,
        viewer.clever_id is not None,
        viewer.teacher_id,
        viewer.student_id,
    )
