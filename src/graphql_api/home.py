"""The / page until the Manage Classes page is mounted: where to sign in."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from graphql_api.html import page

_BODY = """<p>Roster your classes from Clever.</p>
<ul>
<li><a href="/auth/clever/login">Log in with Clever</a></li>
<li><a href="/auth/login">Sign in with email</a></li>
</ul>"""


async def home(request: Request) -> Response:
    return page("rostersync", _BODY)


def fallback_home_routes() -> list[BaseRoute]:
    return [Route("/", home, methods=["GET"])]
