"""A Clever district (the sandbox), the service wired to it in memory, and what tests ask of both."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
from starlette.applications import Starlette
from starlette.testclient import TestClient

import bootstrap
from adapters.memory.tokens import FakeCleverTokenStore, FakeOAuthStateStore
from application.accounts import SignUpCommand
from clever_sandbox.server import RunningSandbox
from clever_sandbox.state import Sandbox
from domain.accounts import Account, Role
from graphql_api.dependencies import WebDependencies
from tests.sso.browser import TLS, Browser
from tests.sso.sandbox_identity import RoleOverride
from tests.sso.service import PUBLIC_URL

PASSWORD = "correct horse battery"


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
