"""The ASGI app: GraphQL, sign-in routes, probes, metrics and the pages, behind sessions."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Route

from graphql_api.account_page import account_routes
from graphql_api.auth.clever import clever_routes
from graphql_api.auth.password import login_routes
from graphql_api.auth.signup import signup_routes
from graphql_api.cache_front import CachedAnswerFront
from graphql_api.cache_view import CachingGraphQL
from graphql_api.dependencies import WebDependencies
from graphql_api.headers import SecurityHeadersMiddleware
from graphql_api.metrics import AppMetrics, HttpMetricsMiddleware, metrics_endpoint
from graphql_api.pages import page_routes
from graphql_api.probes import probe_routes
from graphql_api.view import RostersyncGraphQL

SESSION_COOKIE = "rostersync_session"
SESSION_MAX_AGE = 12 * 60 * 60


def create_app(deps: WebDependencies) -> Starlette:
    metrics = AppMetrics()
    view = graphql_view(deps, metrics)
    routes: list[BaseRoute] = [
        Route("/graphql", view, name="graphql"),
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
    front = (
        [
            Middleware(
                CachedAnswerFront,
                view=view,
                metrics=metrics,
                secret_key=deps.config.secret_key,
                session_cookie=SESSION_COOKIE,
                max_age=SESSION_MAX_AGE,
            )
        ]
        if isinstance(view, CachingGraphQL)
        else []
    )
    middleware = [
        *front,  # cached answers leave before the rest of the stack
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


def graphql_view(deps: WebDependencies, metrics: AppMetrics) -> RostersyncGraphQL:
    if deps.response_cache is None:
        return RostersyncGraphQL(deps, metrics)
    return CachingGraphQL(deps, metrics, deps.response_cache)
