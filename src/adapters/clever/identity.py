"""AuthlibCleverIdentity: Clever's sign-in through Authlib's Starlette client, and who signed in.

OpenID Connect (nonce, signed id_token) when Clever's discovery document can be read, with PKCE
when it lists S256; plain OAuth plus /me otherwise. State, nonce and verifier come from the
caller, who keeps them server-side; Authlib's session-cookie storage is never used.
"""

from __future__ import annotations

import logging
import warnings
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

from adapters.clever.api import DataApi
from adapters.clever.http import CleverHttp
from adapters.clever.token_owner import token_owner
from application.errors import CleverAuthError, CleverUnavailable
from application.ports import CleverLogin, CleverTokens, SignInCapabilities

log = logging.getLogger(__name__)

OPENID_SCOPE = "openid"
HTTP_TIMEOUT_SECONDS = 10.0
ID_TOKEN_LEEWAY_SECONDS = 60


class AuthlibCleverIdentity:
    """The sign-in's OAuth calls are Authlib's (async); ``identify`` reads the Data API."""

    def __init__(
        self,
        oauth_url: str,
        client_id: str | None,
        client_secret: str | None,
        redirect_uri: str,
        *,
        api_url: str,
        api_version: str = "v3.1",
        http: CleverHttp | None = None,
    ) -> None:
        base = oauth_url.rstrip("/")
        self.issuer = base
        self.client_id = client_id or ""
        self.redirect_uri = redirect_uri
        self.api = DataApi(http or CleverHttp(), api_url, api_version)
        registry = OAuth()
        common: dict[str, Any] = {
            "client_id": client_id,
            "client_secret": client_secret,
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

    async def capabilities(self) -> SignInCapabilities:
        metadata = await self._metadata()
        if metadata is None:
            return SignInCapabilities(openid=False, pkce=False)
        methods = metadata.get("code_challenge_methods_supported") or []
        return SignInCapabilities(openid=True, pkce="S256" in methods)

    async def authorization_url(
        self, *, state: str, nonce: str, code_verifier: str, district_id: str | None
    ) -> str:
        params: dict[str, str] = {"state": state}
        if nonce:
            params.update(scope=OPENID_SCOPE, nonce=nonce)
        if code_verifier:
            params["code_challenge"] = create_s256_code_challenge(code_verifier)
            params["code_challenge_method"] = "S256"
        if district_id:
            params["district_id"] = district_id
        app = self._openid if nonce else self._plain
        created = await app.create_authorization_url(self.redirect_uri, **params)
        return str(created["url"])

    async def exchange(self, code: str, *, nonce: str, code_verifier: str) -> CleverTokens:
        """Trade the code for tokens (HTTP Basic client authentication) and check the id_token."""
        app = self._openid if nonce else self._plain
        params = {"code": code}
        if code_verifier:
            params["code_verifier"] = code_verifier
        try:
            token = await app.fetch_access_token(redirect_uri=self.redirect_uri, **params)
        except AuthlibBaseError as exc:
            raise CleverAuthError(f"the token endpoint refused the code ({exc.error})") from exc
        except (HTTPError, ValueError) as exc:
            raise CleverUnavailable(f"the token endpoint failed ({type(exc).__name__})") from exc
        access_token = token.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise CleverAuthError("the token endpoint sent no access token")
        subject = await self._verified_subject(token, nonce) if nonce else None
        return CleverTokens(access_token, subject)

    def identify(self, access_token: str) -> CleverLogin:
        return token_owner(self.api, access_token)

    async def _verified_subject(self, token: dict[str, Any], nonce: str) -> str:
        if not token.get("id_token"):
            raise CleverAuthError("an OpenID sign-in came back without an id_token")
        metadata = await self._metadata()
        if metadata is None:
            raise CleverUnavailable("the discovery document cannot be read to check the id_token")
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
            raise CleverAuthError(
                f"the id_token is not valid ({type(exc).__name__}: {exc})"
            ) from exc
        except (HTTPError, RuntimeError) as exc:
            raise CleverUnavailable(f"Clever's signing keys failed ({type(exc).__name__})") from exc
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
