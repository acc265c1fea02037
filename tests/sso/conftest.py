"""Clever sign-in end to end: the service's routes in a small Starlette app, in-memory storage,
and the Clever sandbox over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
import pytest
from argon2 import PasswordHasher
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

import bootstrap
from adapters.clever import CleverHttp, HttpxCleverDirectory, HttpxCleverIdentity
from adapters.memory.tokens import FakeCleverTokenStore, FakeOAuthStateStore
from adapters.passwords import Argon2PasswordHasher
from adapters.settings import Settings
from application.accounts import LinkAccount, PasswordLogin, SignUp, SignUpCommand, SSOLogin
from application.ports import CleverIdentity
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from domain.accounts import Account, Role
from graphql_api.auth.clever import clever_routes
from graphql_api.dependencies import WebConfig, WebDependencies
from graphql_api.session import current_account_id, session_id, sign_in
from tests.sso.browser import TLS, Browser
from tests.sso.sandbox_identity import RoleOverride

PUBLIC_URL = "http://rostersync.test"
PASSWORD = "correct horse battery"
SESSION_COOKIE = "rostersync_session"


@pytest.fixture(scope="session")
def clever() -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=11, students=300)) as running:
        yield running


def web_config(clever_url: str, sandbox: Sandbox) -> WebConfig:
    return WebConfig(
        production=False,
        secret_key="sso-tests-secret",
        public_url=PUBLIC_URL,
        clever_client_id=sandbox.client_id,
        clever_client_secret=sandbox.client_secret,
        clever_oauth_url=clever_url,
        clever_api_url=clever_url,
        clever_api_version="v3.1",
    )


def service_app(deps: WebDependencies) -> Starlette:
    async def home(request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "account_id": current_account_id(request),
                "sid": session_id(request),
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
        sign_in(request, account.id)
        return RedirectResponse("/account", status_code=303)

    return Starlette(
        routes=[
            *clever_routes(deps),
            Route("/", home),
            Route("/account", account),
            Route("/auth/login", password_login, methods=["POST"]),
        ],
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=deps.config.secret_key,
                session_cookie=SESSION_COOKIE,
                same_site="lax",
            )
        ],
    )


@dataclass
class SsoWorld:
    clever: RunningSandbox
    services: bootstrap.Services
    deps: WebDependencies
    states: FakeOAuthStateStore
    tokens: FakeCleverTokenStore
    roles: RoleOverride
    app: Starlette

    @property
    def sandbox(self) -> Sandbox:
        return self.clever.sandbox

    def browser(self) -> Browser:
        client = TestClient(self.app, base_url=PUBLIC_URL, follow_redirects=False)
        return Browser(client, PUBLIC_URL, self.clever.url)

    def sign_in(self, browser: Browser, clever_user_id: str, next_path: str = "/") -> str:
        """The whole Clever login; the URL the browser ends on."""
        authorize = browser.start_clever_login(
            f"/auth/clever/login?{urlencode({'next': next_path})}"
        )
        callback = browser.pick_clever_user(authorize, clever_user_id)
        response = browser.visit(callback)
        assert response.status_code == 200, response.text
        return browser.visited[-1]

    def token_exchanges(self) -> int:
        """Codes the sandbox was asked to exchange so far (its public request counter)."""
        counts = httpx.get(f"{self.clever.url}/_sandbox/requests", verify=TLS).json()["by_endpoint"]
        return int(counts.get("POST /oauth/tokens", 0))

    def sign_up(self, email: str, role: Role = Role.TEACHER) -> Account:
        account = self.deps.sign_up(SignUpCommand(email, PASSWORD, "Local Person", role))
        assert isinstance(account, Account), account
        return account

    def password_sign_in(self, browser: Browser, email: str) -> None:
        response = browser.service.post("/auth/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 303, response.text

    def account_of(self, clever_id: str) -> Account | None:
        with self.services.uow() as uow:
            return uow.accounts.by_clever_id(clever_id)

    def account(self, account_id: int) -> Account | None:
        with self.services.uow() as uow:
            return uow.accounts.get(account_id)


def make_deps(
    services: bootstrap.Services,
    config: WebConfig,
    identity: CleverIdentity,
    states: FakeOAuthStateStore,
    tokens: FakeCleverTokenStore,
) -> WebDependencies:
    hasher = Argon2PasswordHasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    return WebDependencies(
        config=config,
        uow=services.uow,
        reader=services.reader,
        request_sync=services.request_sync,
        preview_sync=services.preview_sync,
        approve_held_sync=services.approve_held_sync,
        rename_class=services.rename_class,
        sign_up=SignUp(services.uow, hasher),
        password_login=PasswordLogin(services.uow, hasher),
        sso_login=SSOLogin(services.uow),
        link_account=LinkAccount(services.uow),
        oauth_states=states,
        tokens=tokens,
        clever_identity=identity,
    )


@pytest.fixture(scope="session")
def clever_http() -> Iterator[CleverHttp]:
    http = CleverHttp()
    yield http
    http.close()


@pytest.fixture
def world(clever: RunningSandbox, clever_http: CleverHttp) -> SsoWorld:
    states, tokens = FakeOAuthStateStore(), FakeCleverTokenStore()
    for district_id in clever.sandbox.districts:
        tokens.save_district_token(district_id, clever.sandbox.district_token(district_id))
    directory = HttpxCleverDirectory(clever.url, tokens, http=clever_http)
    services = bootstrap.in_memory(Settings(), directory=directory)
    roles = RoleOverride(HttpxCleverIdentity(clever.url, http=clever_http))
    deps = make_deps(services, web_config(clever.url, clever.sandbox), roles, states, tokens)
    return SsoWorld(clever, services, deps, states, tokens, roles, service_app(deps))


@pytest.fixture
def browser(world: SsoWorld) -> Iterator[Browser]:
    opened = world.browser()
    yield opened
    opened.close()
