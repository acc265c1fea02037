"""/healthz (the process answers) and /readyz (its dependencies answer)."""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from graphql_api.dependencies import WebDependencies

log = logging.getLogger(__name__)


def probe_routes(deps: WebDependencies) -> list[BaseRoute]:
    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        failed = []
        for name, check in deps.readiness_checks.items():
            try:
                await run_in_threadpool(check)
            except Exception as exc:
                # The exception text may carry a connection string: log only its type.
                log.warning("readiness check %s failed: %s", name, type(exc).__name__)
                failed.append(name)
        if failed:
            return JSONResponse({"status": "unavailable", "failed": failed}, status_code=503)
        return JSONResponse({"status": "ready", "checks": sorted(deps.readiness_checks)})

    return [Route("/healthz", healthz, methods=["GET"]), Route("/readyz", readyz, methods=["GET"])]
