"""The /graphql endpoint: strawberry's ASGI view with our per-request context."""

from __future__ import annotations

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from graphql_api.audit import audited
from graphql_api.context import GraphQLContext, new_context
from graphql_api.dependencies import WebDependencies
from graphql_api.json_body import MalformedJson, decode_json_body
from graphql_api.metrics import AppMetrics
from graphql_api.schema import build_schema
from graphql_api.viewer import current_viewer


class RostersyncGraphQL(GraphQL[GraphQLContext, None]):
    """Only JSON POSTs (strawberry refuses form and text bodies, so a cross-site form cannot
    post here) and no queries over GET; GraphiQL outside production only."""

    def __init__(self, deps: WebDependencies, metrics: AppMetrics) -> None:
        super().__init__(
            build_schema(deps.config.production),
            graphql_ide=None if deps.config.production else "graphiql",
            allow_queries_via_get=False,
            multipart_uploads_enabled=False,
        )
        self.deps = deps
        self.metrics = metrics

    def parse_json(self, data: str | bytes) -> object:
        """A body nested thousands deep or a 5,000-digit number is a 400, like any bad JSON."""
        try:
            return decode_json_body(data, "/graphql")
        except MalformedJson as exc:
            raise HTTPException(400, str(exc)) from None

    def encode_json(self, data: object) -> bytes:
        """The same compact JSON, several times faster than the standard library's."""
        return orjson.dumps(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        assert isinstance(request, Request) and isinstance(response, Response)
        viewer = await current_viewer(request, self.deps)
        return new_context(request, response, self.deps, self.metrics, viewer)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        return await super().process_result(request, await audited(request, result))
