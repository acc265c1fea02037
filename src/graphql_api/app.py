"""The ASGI app, and the whole path every request takes through it.

Outermost first, every route and every answer alike:
1. metrics: each answer counted by route template and status, and timed;
2. the header policy (CSP with frame-ancestors, no-store, HSTS over https; see headers);
3. the body limit: a larger body gets 413 before it is read whole (see limits);
4. ETag: a repeat whose If-None-Match names the answer gets 304 (see etag);
5. the session: the cookie's id looked up in the server-side store (see session);
then the route. /graphql reads the viewer with the roster version, and strawberry's extensions
answer a repeat roster read from memory, audit demographics and mask errors (see schema).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route

from graphql_api.account_page import account_routes
from graphql_api.auth.clever import clever_routes
from graphql_api.auth.password import login_routes
from graphql_api.auth.signup import signup_routes
from graphql_api.dependencies import WebDependencies
from graphql_api.etag import ETagMiddleware
from graphql_api.headers import SecurityHeadersMiddleware
from graphql_api.limits import BodyLimitMiddleware
from graphql_api.metrics import AppMetrics, HttpMetricsMiddleware, metrics_endpoint
from graphql_api.pages import page_routes
from graphql_api.probes import probe_routes
from graphql_api.session import SESSION_COOKIE, session_middleware
from graphql_api.view import RostersyncGraphQL

__all__ = ["SESSION_COOKIE", "create_app"]


def create_app(deps: WebDependencies) -> Starlette:
    config = deps.config
    metrics = AppMetrics()
    routes: list[BaseRoute] = [
        Route("/graphql", RostersyncGraphQL(deps, metrics), name="graphql"),
        *probe_routes(deps),
        Route(
            "/metrics",
            metrics_endpoint(metrics, deps.config.production, deps.config.metrics_token),
            methods=["GET"],
        ),
        *login_routes(deps),
        *signup_routes(deps),
        *account_routes(deps),
        *clever_routes(deps),
        *page_routes(deps),
    ]
    middleware = [
        Middleware(HttpMetricsMiddleware, metrics=metrics, routes=routes),
        Middleware(SecurityHeadersMiddleware, https=config.https),
        Middleware(
            BodyLimitMiddleware,
            graphql_bytes=config.graphql_max_body_bytes,
            form_bytes=config.form_max_body_bytes,
        ),
        Middleware(ETagMiddleware),
        *session_middleware(deps.session_store, https=config.https),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.metrics = metrics
    return app
