"""Clever's OAuth endpoints through Authlib's Starlette client.

OpenID Connect (nonce, signed id_token) when Clever's discovery document can be read, with PKCE
when it lists S256; plain OAuth plus /me otherwise. State, nonce and verifier come from the
caller, who keeps them server-side; Authlib's session-cookie storage is never used.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.errors import AuthlibBaseError  # type: ignore[import-untyped]
from authlib.deprecate import AuthlibDeprecationWarning  # type: ignore[import-untyped]

# rostersync stays on httpx until respx (the Clever client's test double) mocks httpx2 (README,
# "The HTTP client"); Authlib then warns once at import, which the operator need not see.
with warnings.catch_warnings():
    warnings.filterwarnings(
        "ignore", "The httpx module is deprecated", category=AuthlibDeprecationWarning
    )
    from authlib.integrations.starlette_client import OAuth  # type: ignore[import-untyped]
from authlib.oauth2.rfc7636 import create_s256_code_challenge  # type: ignore[import-untyped]
from joserfc.errors import JoseError

try:  # Authlib talks through httpx2 when it is installed, else httpx: catch what it raises
    from httpx2 import HTTPError  # type: ignore[import-not-found, unused-ignore]
except ImportError:
    from httpx import HTTPError

from graphql_api.auth.clever_states import SignInAttempt
from graphql_api.dependencies import WebConfig

log = logging.getLogger(__name__)

OPENID_SCOPE = "openid"
HTTP_TIMEOUT_SECONDS = 10.0
ID_TOKEN_LEEWAY_SECONDS = 60


class CleverRefused(Exception):
    """Clever's answer does not prove who signed in; the user should start again."""


class CleverUnreachable(Exception):
    """Clever could not be asked right now."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    openid: bool
    pkce: bool


@dataclass(frozen=True, slots=True)
class CleverTokens:
    access_token: str
    subject: str | None  # the id_token's verified `sub`; None for plain OAuth


class CleverOAuth:
    def __init__(self, config: WebConfig) -> None:
        base = config.clever_oauth_url.rstrip("/")
        self.issuer = base
        self.client_id = config.clever_client_id or ""
        self.redirect_uri = config.clever_redirect_uri
        registry = OAuth()
        common: dict[str, Any] = {
            "client_id": config.clever_client_id,
            "client_secret": config.clever_client_secret,
            "authorize_url": f"{base}/oauth/authorize",
            "access_token_url": f"{base}/oauth/tokens",
            "client_kwargs": {
                "token_endpoint_auth_method": "client_secret_basic",
                "timeout": HTTP_TIMEOUT_SECONDS,
                # Authlib opens a client per call; loading the CA bundle once saves ~0.1 s each.
                "verify": httpx.create_ssl_context(),
            },
        }
        self._openid = registry.register(
            "clever", server_metadata_url=f"{base}/.well-known/openid-configuration", **common
        )
        self._plain = registry.register("clever_plain", **common)

    async def capabilities(self) -> Capabilities:
        metadata = await self._metadata()
        if metadata is None:
            return Capabilities(openid=False, pkce=False)
        methods = metadata.get("code_challenge_methods_supported") or []
        return Capabilities(openid=True, pkce="S256" in methods)

    async def authorization_url(self, attempt: SignInAttempt, district_id: str | None) -> str:
        params: dict[str, str] = {"state": attempt.state}
        if attempt.openid:
            params.update(scope=OPENID_SCOPE, nonce=attempt.nonce)
        if attempt.code_verifier:
            params["code_challenge"] = create_s256_code_challenge(attempt.code_verifier)
            params["code_challenge_method"] = "S256"
        if district_id:
            params["district_id"] = district_id
        app = self._openid if attempt.openid else self._plain
        created = await app.create_authorization_url(self.redirect_uri, **params)
        return str(created["url"])

    async def exchange(self, code: str, attempt: SignInAttempt) -> CleverTokens:
        """Trade the code for tokens (HTTP Basic client authentication) and check the id_token."""
        app = self._openid if attempt.openid else self._plain
        params = {"code": code}
        if attempt.code_verifier:
            params["code_verifier"] = attempt.code_verifier
        try:
            token = await app.fetch_access_token(redirect_uri=self.redirect_uri, **params)
        except AuthlibBaseError as exc:
            raise CleverRefused(f"the token endpoint refused the code ({exc.error})") from exc
        except (HTTPError, ValueError) as exc:
            raise CleverUnreachable(f"the token endpoint failed ({type(exc).__name__})") from exc
        access_token = token.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise CleverRefused("the token endpoint sent no access token")
        subject = await self._verified_subject(token, attempt.nonce) if attempt.openid else None
        return CleverTokens(access_token, subject)

    async def _verified_subject(self, token: dict[str, Any], nonce: str) -> str:
        if not token.get("id_token"):
            raise CleverRefused("an OpenID sign-in came back without an id_token")
        metadata = await self._metadata()
        if metadata is None:
            raise CleverUnreachable("the discovery document cannot be read to check the id_token")
        options = {
            "iss": {"essential": True, "value": metadata["issuer"]},
            "aud": {"essential": True, "value": self.client_id},
            "sub": {"essential": True},
            "exp": {"essential": True},
            "nonce": {"essential": True, "value": nonce},
        }
        try:
            claims = await self._openid.parse_id_token(
                token, nonce=nonce, claims_options=options, leeway=ID_TOKEN_LEEWAY_SECONDS
            )
        except (JoseError, ValueError) as exc:
            raise CleverRefused(f"the id_token is not valid ({type(exc).__name__}: {exc})") from exc
        except (HTTPError, RuntimeError) as exc:
            raise CleverUnreachable(f"Clever's signing keys failed ({type(exc).__name__})") from exc
        return str(claims["sub"])

    async def _metadata(self) -> dict[str, Any] | None:
        """Clever's discovery document, when it can be read and names Clever as its issuer."""
        try:
            metadata: dict[str, Any] = await self._openid.load_server_metadata()
        except (HTTPError, ValueError, TypeError) as exc:
            log.warning(
                "Clever OpenID discovery unavailable (%s); using plain OAuth", type(exc).__name__
            )
            return None
        if metadata.get("issuer") != self.issuer:
            log.warning("Clever OpenID discovery names another issuer; using plain OAuth")
            return None
        return metadata
