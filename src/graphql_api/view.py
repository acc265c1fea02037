"""The /graphql endpoint: strawberry's ASGI view with our per-request context."""

from __future__ import annotations

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graphql_api.answers import EncodedData
from graphql_api.context import GraphQLContext, new_context
from graphql_api.dependencies import WebDependencies
from graphql_api.json_body import MalformedJson, decode_json_body
from graphql_api.metrics import AppMetrics
from graphql_api.schema import build_schema
from graphql_api.viewer import signed_in

# GraphiQL (development only) loads React and its own code from unpkg, with inline scripts.
GRAPHIQL_POLICY = (
    "default-src 'self' https://unpkg.com; script-src 'self' 'unsafe-inline' https://unpkg.com; "
    "style-src 'self' 'unsafe-inline' https://unpkg.com; frame-ancestors 'none'"
)


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

    async def render_graphql_ide(self, request: Request) -> Response:
        response = await super().render_graphql_ide(request)
        response.headers["Content-Security-Policy"] = GRAPHIQL_POLICY
        return response

    def parse_json(self, data: str | bytes) -> object:
        """A body nested thousands deep or a 5,000-digit number is a 400, like any bad JSON."""
        try:
            return decode_json_body(data, "/graphql")
        except MalformedJson as exc:
            raise HTTPException(400, str(exc)) from None

    def encode_json(self, data: object) -> bytes:
        """The same compact JSON, several times faster than the standard library's; an
        answer whose data is held encoded (answers.EncodedData) is not encoded again."""
        if type(data) is dict and isinstance(answer := data.get("data"), EncodedData):
            if len(data) == 1:
                return answer.body
            return orjson.dumps({**data, "data": orjson.Fragment(answer.json)})
        return orjson.dumps(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        """The viewer and the roster version, read with the session (one statement)."""
        assert isinstance(request, Request) and isinstance(response, Response)
        current = await signed_in(request, self.deps)
        if current is None:
            return new_context(request, response, self.deps, self.metrics, None)
        return new_context(
            request, response, self.deps, self.metrics, current.viewer, current.roster_version
        )
