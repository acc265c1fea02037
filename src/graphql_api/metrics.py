"""Prometheus metrics, one registry per app so that several apps in a process never collide."""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.sync_run import SyncRun

SYNC_BUCKETS = (0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)
# Label values come from this list or are "OTHER": a client choosing the method (or the
# path: see HttpMetricsMiddleware._route) can never add a time series.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str) -> str:
    return method if method in KNOWN_METHODS else "OTHER"


class AppMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "rostersync_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "rostersync_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template.",
            ["route", "method"],
            registry=self.registry,
        )
        self.sync_runs = Counter(
            "rostersync_sync_runs",
            "Sync runs started from the web app, by the status they reached.",
            ["status"],
            registry=self.registry,
        )
        self.sync_duration = Histogram(
            "rostersync_sync_duration_seconds",
            "Duration of finished sync runs started from the web app.",
            buckets=SYNC_BUCKETS,
            registry=self.registry,
        )

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        label = method_label(method)
        self.requests.labels(route, label, str(status)).inc()
        self.latency.labels(route, label).observe(seconds)

    def observe_sync(self, run: SyncRun) -> None:
        self.sync_runs.labels(run.status.value).inc()
        if run.finished_at is not None:
            seconds = (run.finished_at - run.started_at).total_seconds()
            self.sync_duration.observe(max(seconds, 0.0))

    async def render(self) -> bytes:
        """Rendered on a worker thread: the event loop keeps answering meanwhile."""
        return await run_in_threadpool(generate_latest, self.registry)


def metrics_endpoint(
    metrics: AppMetrics, production: bool, token: str | None
) -> Callable[[Request], Awaitable[Response]]:
    """GET /metrics. In production it answers only ``Authorization: Bearer <token>``
    (ROSTERSYNC_METRICS_TOKEN) and is a plain 404 to everyone else, and when no token is set."""

    def allowed(request: Request) -> bool:
        if not production:
            return True
        if not token:
            return False
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and secrets.compare_digest(
            given.strip().encode(), token.encode()
        )

    async def endpoint(request: Request) -> Response:
        if not allowed(request):
            return PlainTextResponse("Not Found", status_code=404)
        return Response(
            await metrics.render(),
            media_type=CONTENT_TYPE_LATEST,
            headers={"Cache-Control": "no-store"},
        )

    return endpoint


class HttpMetricsMiddleware:
    """Counts every HTTP response by its route template (never the raw path: bounded labels)."""

    def __init__(self, app: ASGIApp, metrics: AppMetrics, routes: list[BaseRoute]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            elapsed = time.perf_counter() - started
            self.metrics.observe_request(self._route(scope), scope["method"], status, elapsed)

    def _route(self, scope: Scope) -> str:
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is not Match.NONE:
                return str(getattr(route, "path", "other"))
        return "unmatched"
