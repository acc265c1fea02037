"""The web apps the GraphQL measurements load, each served by one uvicorn worker:

* the service itself, ``bootstrap:asgi_app`` on the bench database (see ``service_env``), and
  the same with every roster read from storage (``service_reading_storage``);
* ``strawberry_app``: the same fields answered by strawberry from memory (the framework floor);
* ``bare_app``: a Starlette endpoint answering the service's JSON bytes (the HTTP floor).
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.worker import bench_settings

SERVICE_APP = "bootstrap:asgi_app"
COLD_SERVICE_APP = "bench.apps:service_reading_storage"
BODY_ENV = "RSBENCH_BODY_FILE"
UNUSED_CLEVER = "http://127.0.0.1:9"  # the roster queries never call Clever


def service_env(database_url: str) -> dict[str, str]:
    """The ROSTERSYNC_ settings the service reads, pointed at the bench database."""
    settings = bench_settings(database_url, UNUSED_CLEVER)
    return {
        "ROSTERSYNC_DATABASE_URL": database_url,
        "ROSTERSYNC_SECRET_KEY": str(settings.secret_key),
        "ROSTERSYNC_TOKEN_KEY": str(settings.token_key),
        "ROSTERSYNC_CLEVER_API_URL": UNUSED_CLEVER,
        "ROSTERSYNC_CLEVER_OAUTH_URL": UNUSED_CLEVER,
        "ROSTERSYNC_ENV": "development",
    }


def service_reading_storage() -> Starlette:
    """The service, except that every request reads its teacher's roster from storage (the
    service keeps a roster per roster version): what a response-cache miss costs cold."""
    return app_remembering_nothing()


def app_remembering_nothing() -> Starlette:
    """The service as ``bootstrap.asgi_app`` composes it, without its remembered answers."""
    import dataclasses

    import bootstrap
    from adapters.settings import Settings
    from graphql_api.app import create_app

    dependencies = bootstrap.web_dependencies(bootstrap.build(Settings()))
    app: Starlette = create_app(dataclasses.replace(dependencies, answers=None))
    return app


def strawberry_app() -> Starlette:
    from bench.floor_schema import build_strawberry_app

    return build_strawberry_app()


def bare_app() -> Starlette:
    return build_bare_app(Path(os.environ[BODY_ENV]).read_bytes())


def build_bare_app(body: bytes) -> Starlette:
    async def graphql(request: Request) -> Response:
        await request.body()
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])
