"""GET /auth/clever/callback: check what Clever sent back before anything is exchanged."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import Response

from application.errors import CleverAuthError, CleverUnavailable
from graphql_api.auth import clever_pages as pages
from graphql_api.auth.clever_finish import SignInFinisher
from graphql_api.auth.clever_start import SignInStarter
from graphql_api.auth.clever_states import Purpose, first_use_of_code, recall
from graphql_api.dependencies import WebDependencies
from graphql_api.session import current_account_id

log = logging.getLogger(__name__)


class CleverCallback:
    def __init__(
        self,
        deps: WebDependencies,
        starter: SignInStarter,
        finisher: SignInFinisher,
    ) -> None:
        self.deps = deps
        self.starter = starter
        self.finisher = finisher

    async def handle(self, request: Request) -> Response:
        query = request.query_params
        state, code, error = query.get("state"), query.get("code"), query.get("error")
        if error:
            if state:
                await recall(self.deps.oauth_states, request, state)  # that attempt is over
            log.info("Clever sign-in ended with an error from Clever")
            return pages.clever_said_no(error, query.get("error_description"))
        if not state:
            if not code:
                return pages.attempt_expired()
            return await self.starter.bounce(request)
        attempt = await recall(self.deps.oauth_states, request, state)
        if attempt is None:
            log.info("Clever sign-in refused: unknown, expired or foreign state")
            return pages.attempt_expired()
        if attempt.purpose is Purpose.LINK and current_account_id(request) != attempt.account_id:
            return pages.sign_in_again_to_link()
        if not code:
            return pages.not_confirmed()
        if not await first_use_of_code(self.deps.oauth_states, code):
            log.warning("Clever sign-in refused: an authorization code came back a second time")
            return pages.code_already_used()
        try:
            tokens = await self.deps.clever_identity.exchange(
                code, nonce=attempt.nonce, code_verifier=attempt.code_verifier
            )
        except CleverAuthError as exc:
            log.warning("Clever sign-in refused: %s", exc)
            return pages.not_confirmed()
        except CleverUnavailable as exc:
            log.warning("Clever sign-in failed: %s", exc)
            return pages.clever_unavailable()
        return await self.finisher.finish(request, attempt, tokens)
