"""Routes for the Manage Classes page (`/`) and the files it loads (`/static/...`)."""

from __future__ import annotations

import os
from os import PathLike
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from graphql_api.dependencies import WebDependencies

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


class PageAssets(StaticFiles):
    """Static files (no student data) that browsers revalidate (ETag), so a deploy is picked up
    at once; every other answer is never stored (see headers)."""

    def file_response(
        self,
        full_path: PathLike[str] | str,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "no-cache"
        return response


async def manage_classes(_request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html")


def page_routes(deps: WebDependencies) -> list[BaseRoute]:
    """The page reads everything through /graphql, so it needs nothing from `deps` yet."""
    del deps
    return [
        Route("/", manage_classes, methods=["GET", "HEAD"], name="manage_classes"),
        Mount("/static", app=PageAssets(directory=STATIC_DIR), name="static"),
    ]


__all__ = ["STATIC_DIR", "page_routes"]
