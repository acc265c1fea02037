"""Starlette application assembly and the `uvicorn --factory` entry point."""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .admin_routes import admin_routes
from .api_routes import api_routes
from .oauth_routes import oauth_routes
from .responses import error
from .state import Sandbox
from .token_routes import token_routes

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8001"


async def _not_found(request: Request, exc: Exception) -> Response:
    return error(404, f"no route for {request.method} {request.url.path}")


async def _method_not_allowed(request: Request, exc: Exception) -> Response:
    return error(405, f"method {request.method} not allowed")


def build_app(sandbox: Sandbox) -> Starlette:
    routes: list[Route] = [
        *api_routes(sandbox),
        *oauth_routes(sandbox),
        *token_routes(sandbox),
        *admin_routes(sandbox),
    ]
    app = Starlette(routes=routes, exception_handlers={404: _not_found, 405: _method_not_allowed})
    app.state.sandbox = sandbox
    return app


def sandbox_from_env(environ: dict[str, str] | None = None) -> Sandbox:
    env = os.environ if environ is None else environ
    return Sandbox(
        seed=int(env.get("CLEVER_SANDBOX_SEED", "1")),
        students=int(env.get("CLEVER_SANDBOX_STUDENTS", "2000")),
        districts=int(env.get("CLEVER_SANDBOX_DISTRICTS", "1")),
        client_id=env.get("CLEVER_SANDBOX_CLIENT_ID", "sandbox-client-id"),
        client_secret=env.get("CLEVER_SANDBOX_CLIENT_SECRET", "sandbox-client-secret"),
        public_url=env.get("CLEVER_SANDBOX_PUBLIC_URL", DEFAULT_PUBLIC_URL),
    )


def create_app() -> Starlette:
    """Factory for `uvicorn --factory clever_sandbox.app:create_app`."""
    return build_app(sandbox_from_env())
