"""The ASGI app: GraphQL, sign-in routes, probes, metrics and the pages, behind sessions."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Route

from graphql_api.account_page import account_routes
from graphql_api.auth.password import login_routes
from graphql_api.auth.signup import signup_routes
from graphql_api.dependencies import WebDependencies
from graphql_api.headers import SecurityHeadersMiddleware
from graphql_api.home import fallback_home_routes
from graphql_api.metrics import AppMetrics, HttpMetricsMiddleware
from graphql_api.probes import probe_routes
from graphql_api.view import RostersyncGraphQL

SESSION_COOKIE = "rostersync_session"
SESSION_MAX_AGE = 12 * 60 * 60


def create_app(deps: WebDependencies) -> Starlette:
    metrics = AppMetrics()
    routes: list[BaseRoute] = [
        Route("/graphql", RostersyncGraphQL(deps, metrics), name="graphql"),
        *probe_routes(deps),
        Route("/metrics", metrics.endpoint, methods=["GET"]),
        *login_routes(deps),
        *signup_routes(deps),
        *account_routes(deps),
        *(_routes_of("graphql_api.auth.clever", "clever_routes", deps) or []),
        *(_routes_of("graphql_api.pages", "page_routes", deps) or fallback_home_routes()),
    ]
    middleware = [
        Middleware(HttpMetricsMiddleware, metrics=metrics, routes=routes),
        Middleware(SecurityHeadersMiddleware),
        Middleware(
            SessionMiddleware,
            secret_key=deps.config.secret_key,
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_MAX_AGE,
            same_site="lax",
            https_only=deps.config.https,
        ),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.metrics = metrics
    return app


def _routes_of(module_name: str, factory: str, deps: WebDependencies) -> list[BaseRoute] | None:
    """Routes from a module built alongside this one; None while that module does not exist.

    Only a missing module is tolerated: an import error inside it still fails loudly.
    """
    if importlib.util.find_spec(module_name) is None:
        return None
    build: Callable[[WebDependencies], list[BaseRoute]] = getattr(
        importlib.import_module(module_name), factory
    )
    return build(deps)
