"""After Clever vouched for someone: sign them in, or link Clever to their account."""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from application.accounts import AccountRefused
from application.errors import CleverAuthError, CleverError
from application.ports import CleverLogin, CleverTokens
from domain.accounts import Role
from graphql_api.auth import clever_pages as pages
from graphql_api.auth.clever_paths import ACCOUNT_LINKED, WELCOME_PATH
from graphql_api.auth.clever_redirects import safe_next
from graphql_api.auth.clever_states import Purpose, SignInAttempt
from graphql_api.dependencies import WebDependencies
from graphql_api.session import sign_in

log = logging.getLogger(__name__)


def _redirect(path: str) -> Response:
    return RedirectResponse(path, status_code=302, headers={"Cache-Control": "no-store"})


class SignInFinisher:
    def __init__(self, deps: WebDependencies) -> None:
        self.deps = deps

    async def finish(
        self, request: Request, attempt: SignInAttempt, tokens: CleverTokens
    ) -> Response:
        try:
            login = await run_in_threadpool(self.deps.clever_identity.identify, tokens.access_token)
        except CleverAuthError:
            log.warning("Clever sign-in refused: Clever rejected the new access token")
            return pages.not_confirmed()
        except CleverError as exc:
            log.warning("Clever sign-in failed: identity lookup (%s)", type(exc).__name__)
            return pages.clever_unavailable()
        if tokens.subject is not None and login.clever_id != tokens.subject:
            log.warning("Clever sign-in refused: the id_token and /me name different users")
            return pages.not_confirmed()
        if attempt.purpose is Purpose.LINK:
            return await self._link(attempt, login)
        # The person's access token has served its purpose (who they are) and is not kept:
        # every sync reads Clever with the district-app token.
        return await self._login(request, attempt, login)

    async def _login(
        self, request: Request, attempt: SignInAttempt, login: CleverLogin
    ) -> Response:
        result = await run_in_threadpool(self.deps.sso_login, login)
        if isinstance(result, AccountRefused):
            log.info("Clever sign-in refused: a Clever user who is neither teacher nor student")
            return pages.not_for_this_role(result.message)
        account_id = result.account.id
        assert account_id is not None, "a stored account has an id"
        await sign_in(request, account_id, self.deps.session_store)
        log.info("account %s signed in with Clever (new account: %s)", account_id, result.created)
        if result.account.role is Role.STUDENT and not result.rostered:
            return _redirect(WELCOME_PATH)
        return _redirect(safe_next(attempt.next_path))

    async def _link(self, attempt: SignInAttempt, login: CleverLogin) -> Response:
        assert attempt.account_id is not None, "a link attempt names its account"
        result = await run_in_threadpool(self.deps.link_account, attempt.account_id, login)
        if result.conflict is not None or result.account is None:
            log.info("account %s: Clever link refused", attempt.account_id)
            return pages.link_refused(result.conflict or "Clever could not be connected.")
        log.info("account %s linked to Clever", attempt.account_id)
        return _redirect(ACCOUNT_LINKED)
