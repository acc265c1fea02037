"""Starting a sign-in: a fresh attempt kept server-side, then off to Clever's authorize page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graphql_api.auth import clever_pages as pages
from graphql_api.auth.clever_paths import PASSWORD_LOGIN_FOR_ACCOUNT
from graphql_api.auth.clever_redirects import HOME, clever_district_hint, safe_next
from graphql_api.auth.clever_states import Purpose, new_attempt, remember
from graphql_api.dependencies import WebDependencies
from graphql_api.session import current_account_id

NO_STORE = {"Cache-Control": "no-store"}


class SignInStarter:
    def __init__(self, deps: WebDependencies) -> None:
        self.deps = deps

    @property
    def configured(self) -> bool:
        return bool(self.deps.config.clever_client_id and self.deps.config.clever_client_secret)

    async def login(self, request: Request) -> Response:
        """GET /auth/clever/login?next=/path[&district_id=...]"""
        query = request.query_params
        district = clever_district_hint(query.get("district_id"))
        return await self.to_clever(request, Purpose.LOGIN, safe_next(query.get("next")), district)

    async def link(self, request: Request) -> Response:
        """/auth/clever/link: connect Clever to the signed-in account."""
        account_id = current_account_id(request)
        if account_id is None:
            return RedirectResponse(PASSWORD_LOGIN_FOR_ACCOUNT, status_code=302, headers=NO_STORE)
        return await self.to_clever(request, Purpose.LINK, "/account", account_id=account_id)

    async def bounce(self, request: Request) -> Response:
        """A login Clever started (portal, Instant Login) carries no state: start our own instead."""
        query = request.query_params
        district = clever_district_hint(query.get("district_id") or query.get("district"))
        return await self.to_clever(request, Purpose.LOGIN, HOME, district)

    async def to_clever(
        self,
        request: Request,
        purpose: Purpose,
        next_path: str,
        district_id: str | None = None,
        *,
        account_id: int | None = None,
    ) -> Response:
        if not self.configured:
            return pages.clever_not_configured()
        capabilities = await self.deps.clever_identity.capabilities()
        attempt = new_attempt(
            request,
            purpose,
            next_path,
            openid=capabilities.openid,
            pkce=capabilities.pkce,
            account_id=account_id,
        )
        await remember(self.deps.oauth_states, request, attempt)
        url = await self.deps.clever_identity.authorization_url(
            state=attempt.state,
            nonce=attempt.nonce,
            code_verifier=attempt.code_verifier,
            district_id=district_id,
        )
        return RedirectResponse(url, status_code=302, headers=NO_STORE)
