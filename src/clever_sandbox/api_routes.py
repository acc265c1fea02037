"""The Data/Events API routes under /v3.0 and /v3.1, behind one gate.

The gate counts the request, applies injected faults, authenticates the
bearer token, enforces the per-token rate limit and access rules, then runs
the handler under the sandbox lock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import access
from .envelopes import ApiContext, ApiError
from .event_handlers import EVENT_ROUTES
from .paging import LimitError
from .responses import bearer_token, dumps, error
from .roster_handlers import ROSTER_ROUTES, Handler
from .state import Sandbox
from .versions import VERSIONS

HTML_BODY = (
    b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
)


def _endpoint(
    sandbox: Sandbox, version: str, template: str, handler: Handler
) -> Callable[[Request], Awaitable[Response]]:
    endpoint_name = f"GET /{version}{template}"

    async def endpoint(request: Request) -> Response:
        sandbox.requests.record(endpoint_name)
        if sandbox.faults.delay:
            await asyncio.sleep(sandbox.faults.delay)
        failure = sandbox.faults.next_failure()
        if failure is not None:
            if failure.rate_limited:
                return error(429, "Too Many Requests", sandbox.rate_limiter.injected().headers())
            return error(failure.status, "injected failure")
        token = bearer_token(request)
        principal = sandbox.auth.principal(token) if token else None
        if principal is None:
            return error(401, "Unauthorized", {"WWW-Authenticate": "Bearer"})
        rate = sandbox.rate_limiter.hit(principal.token)
        headers = rate.headers()
        if not rate.allowed:
            return error(429, "Too Many Requests", headers)
        try:
            with sandbox.lock:
                store = sandbox.store(principal.district_id)
                params = dict(request.path_params)
                if not access.allowed(principal, template, params, store):
                    return error(403, "Forbidden", headers)
                ctx = ApiContext(
                    store, principal, version, request.url.path, request.query_params, params
                )
                body = dumps(handler(ctx))
        except LimitError as exc:
            return error(exc.status, str(exc), headers)
        except ApiError as exc:
            return error(exc.status, exc.message, headers)
        broken = sandbox.faults.take_body_fault()
        if broken == "truncate":
            return Response(body[: max(1, len(body) // 2)], 200, headers, "application/json")
        if broken == "html":
            return Response(HTML_BODY, 200, headers, "text/html")
        return Response(body, 200, headers, "application/json")

    return endpoint


def api_routes(sandbox: Sandbox) -> list[Route]:
    handlers = {**ROSTER_ROUTES, **EVENT_ROUTES}
    return [
        Route(
            f"/{version}{template}", _endpoint(sandbox, version, template, handler), methods=["GET"]
        )
        for version in VERSIONS
        for template, handler in handlers.items()
    ]
