"""The Clever sign-in routes, mounted by the web app: `clever_routes(deps)`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graphql_api.auth import clever_pages as pages
from graphql_api.auth.clever_callback import CleverCallback
from graphql_api.auth.clever_finish import SignInFinisher
from graphql_api.auth.clever_paths import CALLBACK_PATH, LINK_PATH, LOGIN_PATH, WELCOME_PATH
from graphql_api.auth.clever_start import SignInStarter
from graphql_api.dependencies import WebDependencies
from graphql_api.session import current_account_id


async def welcome(request: Request) -> Response:
    """Where a student lands whose teacher has not synced their class yet."""
    if current_account_id(request) is None:
        return RedirectResponse(LOGIN_PATH, status_code=302)
    return pages.not_in_a_class_yet()


def clever_routes(deps: WebDependencies) -> list[BaseRoute]:
    """Log in with Clever, Clever's callback, linking Clever to an account, the welcome page.

    Needs SessionMiddleware in front (SameSite=Lax, so Clever's redirect back carries the cookie).
    """
    starter = SignInStarter(deps)
    callback = CleverCallback(deps, starter, SignInFinisher(deps))
    return [
        Route(LOGIN_PATH, starter.login, methods=["GET"]),
        Route(LINK_PATH, starter.link, methods=["GET", "POST"]),
        Route(CALLBACK_PATH, callback.handle, methods=["GET"]),
        Route(WELCOME_PATH, welcome, methods=["GET"]),
    ]


__all__ = ["clever_routes"]
