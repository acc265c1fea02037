"""HttpxCleverOAuth: Clever's OAuth server (district-app tokens, the code exchange, id_token checks)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial

import httpx
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.http import CleverHttp, JsonObject
from adapters.clever.id_token import UnknownSigningKey, verify_id_token

log = logging.getLogger(__name__)


class HttpxCleverOAuth:
    """Also a district-token provider: the token list is cached for the process until forgotten."""

    def __init__(
        self,
        oauth_url: str,
        client_id: str,
        client_secret: str,
        *,
        http: CleverHttp | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.http = http or CleverHttp()
        self.clock = clock
        self.tokens_url = f"{oauth_url.rstrip('/')}/oauth/tokens"
        self.client_id = client_id
        self._client_auth = httpx.BasicAuth(client_id, client_secret)
        self._district_tokens: dict[str, str] | None = None
        self._key_sets: dict[str, KeySet] = {}
        self._mutex = threading.Lock()

    def district_tokens(self) -> dict[str, str]:
        with self._mutex:
            if self._district_tokens is None:
                self._district_tokens = self._fetch_district_tokens()
            return dict(self._district_tokens)

    def forget_district_tokens(self) -> None:
        with self._mutex:
            self._district_tokens = None

    def exchange_code(
        self, code: str, redirect_uri: str, code_verifier: str | None = None
    ) -> JsonObject:
        """Clever's token response (access_token, token_type, id_token when openid was asked).
        Sent once only: an authorization code works a single time."""
        body: JsonObject = {
            "code": code,
            "grant_type": "authorization_code",
            "redirect_uri": redirect_uri,
        }
        if code_verifier is not None:
            body["code_verifier"] = code_verifier
        answer = self.http.request(
            "POST", self.tokens_url, auth=self._client_auth, json_body=body, retry=False
        )
        token = answer.get("access_token")
        if not isinstance(token, str) or not token:
            raise CleverResponseInvalid(
                "Clever POST /oauth/tokens: answered without an access_token"
            )
        return answer

    def validate_id_token(
        self, id_token: str, *, issuer: str, audience: str, nonce: str | None, jwks_uri: str
    ) -> dict[str, object]:
        """The id_token's claims, or IdTokenRejected; keys are re-read once if Clever rotated them."""
        check = partial(verify_id_token, id_token, issuer=issuer, audience=audience, nonce=nonce)
        try:
            return check(self._key_set(jwks_uri, refresh=False), now=self.clock())
        except UnknownSigningKey:
            return check(self._key_set(jwks_uri, refresh=True), now=self.clock())

    def _fetch_district_tokens(self) -> dict[str, str]:
        answer = self.http.request(
            "GET", self.tokens_url, auth=self._client_auth, params={"owner_type": "district"}
        )
        rows = answer.get("data")
        if not isinstance(rows, list):
            raise CleverResponseInvalid("Clever GET /oauth/tokens: answered without a data list")
        tokens: dict[str, str] = {}
        for row in rows:
            entry = _district_token(row)
            if entry is None:
                log.warning("Clever token list: skipped an entry that is not a district token")
                continue
            tokens.setdefault(*entry)
        log.info("Clever token list: %d districts connected", len(tokens))
        return tokens

    def _key_set(self, jwks_uri: str, *, refresh: bool) -> KeySet:
        with self._mutex:
            cached = None if refresh else self._key_sets.get(jwks_uri)
        if cached is not None:
            return cached
        answer = self.http.get(jwks_uri)
        try:
            keys = KeySet.import_key_set(answer)  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise CleverResponseInvalid(
                f"Clever JWKS is unreadable ({type(exc).__name__})"
            ) from None
        with self._mutex:
            self._key_sets[jwks_uri] = keys
        return keys


def _district_token(row: object) -> tuple[str, str] | None:
    """(district id, access token) of one ``{"owner": {"type", "id"}, "access_token"}`` entry."""
    if not isinstance(row, dict):
        return None
    owner, token = row.get("owner"), row.get("access_token")
    if not isinstance(owner, dict) or owner.get("type", "district") != "district":
        return None
    district_id = owner.get("id")
    if isinstance(district_id, str) and district_id and isinstance(token, str) and token:
        return district_id, token
    return None
