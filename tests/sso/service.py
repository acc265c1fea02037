"""The service under test: the Clever routes in a small Starlette app behind the session
cookie, with a trivial home page that shows the session and a password sign-in."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starsessions import get_session_id

import bootstrap
from adapters.clever import CleverHttp
from adapters.clever.identity import AuthlibCleverIdentity
from adapters.clock import SystemClock
from adapters.memory.sessions import FakeSessionStore
from adapters.memory.tokens import FakeOAuthStateStore
from adapters.passwords import Argon2PasswordHasher
from application.accounts import LinkAccount, PasswordLogin, SignUp, SSOLogin
from application.ports import CleverIdentity
from application.sessions import SessionLifetime
from clever_sandbox.state import Sandbox
from graphql_api.auth.clever import clever_routes
from graphql_api.dependencies import WebConfig, WebDependencies
from graphql_api.session import current_account_id, session_middleware, sign_in

PUBLIC_URL = "http://rostersync.test"
SESSION_COOKIE = "rostersync_session"
LIFETIME = SessionLifetime(idle=timedelta(minutes=30), absolute=timedelta(hours=12))


def web_config(sandbox: Sandbox) -> WebConfig:
    return WebConfig(
        production=False,
        secret_key="sso-tests-secret",
        public_url=PUBLIC_URL,
        clever_client_id=sandbox.client_id,
        clever_client_secret=sandbox.client_secret,
    )


def clever_identity(
    clever_url: str, sandbox: Sandbox, http: CleverHttp | None = None
) -> AuthlibCleverIdentity:
    """The real Clever adapter, pointed at the sandbox (or anywhere)."""
    return AuthlibCleverIdentity(
        clever_url,
        sandbox.client_id,
        sandbox.client_secret,
        f"{PUBLIC_URL}/auth/clever/callback",
        api_url=clever_url,
        http=http,
    )


def service_app(deps: WebDependencies) -> Starlette:
    async def home(request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "account_id": current_account_id(request),
                "sid": get_session_id(request),
                "keys": sorted(request.session),
            }
        )

    async def account(request: Request) -> JSONResponse:
        return JSONResponse({"account_id": current_account_id(request), **request.query_params})

    async def password_login(request: Request) -> Response:
        form = await request.form()
        account = deps.password_login(str(form["email"]), str(form["password"]))
        if account is None or account.id is None:
            return JSONResponse({"error": "wrong email or password"}, status_code=401)
        await sign_in(request, account.id, deps.session_store)
        return RedirectResponse("/account", status_code=303)

    return Starlette(
        routes=[
            *clever_routes(deps),
            Route("/", home),
            Route("/account", account),
            Route("/auth/login", password_login, methods=["POST"]),
        ],
        middleware=session_middleware(deps.session_store, https=False),
    )


def make_deps(
    services: bootstrap.Services,
    config: WebConfig,
    identity: CleverIdentity,
    states: FakeOAuthStateStore,
) -> WebDependencies:
    sessions = FakeSessionStore(SystemClock(), LIFETIME)
    hasher = Argon2PasswordHasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    return WebDependencies(
        config=config,
        uow=services.uow,
        reader=services.reader,
        request_sync=services.request_sync,
        preview_sync=services.preview_sync,
        approve_held_sync=services.approve_held_sync,
        rename_class=services.rename_class,
        keep_class_after_term=services.keep_class_after_term,
        decide_roster=services.decide_roster,
        sign_up=SignUp(services.uow, hasher),
        password_login=PasswordLogin(services.uow, hasher),
        sso_login=SSOLogin(services.uow),
        link_account=LinkAccount(services.uow),
        oauth_states=states,
        clever_identity=identity,
        explain_student=services.explain_student,
        clock=services.clock,
        sessions=sessions,
        revoker=sessions,
    )
