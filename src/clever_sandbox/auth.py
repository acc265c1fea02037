"""Bearer tokens and OAuth authorization codes."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a bearer token speaks for: a district app or one signed-in user."""

    token: str
    district_id: str
    user_id: str | None = None
    role: str | None = None

    @property
    def is_district(self) -> bool:
        return self.user_id is None


@dataclass(frozen=True, slots=True)
class CodeGrant:
    client_id: str
    user_id: str
    district_id: str
    role: str
    redirect_uri: str | None
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    issued_at: float


class GrantError(Exception):
    """The code cannot be exchanged (RFC 6749 `invalid_grant`)."""


def pkce_matches(verifier: str, challenge: str, method: str | None) -> bool:
    if (method or "plain").upper() == "PLAIN":
        return secrets.compare_digest(verifier, challenge)
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return secrets.compare_digest(expected, challenge)


class AuthRegistry:
    def __init__(self, clock: Callable[[], float], code_ttl_seconds: float) -> None:
        self._clock = clock
        self.code_ttl_seconds = code_ttl_seconds
        self._lock = threading.Lock()
        self._tokens: dict[str, Principal] = {}
        self._codes: dict[str, CodeGrant] = {}

    def add_district_token(self, token: str, district_id: str) -> None:
        with self._lock:
            self._tokens[token] = Principal(token, district_id)

    def principal(self, token: str) -> Principal | None:
        with self._lock:
            return self._tokens.get(token)

    def issue_user_token(self, district_id: str, user_id: str, role: str) -> str:
        token = secrets.token_hex(20)
        with self._lock:
            self._tokens[token] = Principal(token, district_id, user_id, role)
        return token

    def issue_code(self, **fields: object) -> str:
        code = secrets.token_urlsafe(24)
        grant = CodeGrant(issued_at=self._clock(), **fields)  # type: ignore[arg-type]
        with self._lock:
            self._codes[code] = grant
        return code

    def redeem_code(
        self, code: str, client_id: str, redirect_uri: str | None, verifier: str | None
    ) -> CodeGrant:
        with self._lock:
            grant = self._codes.get(code)
            if grant is None:
                raise GrantError("authorization code is unknown or already used")
            if self._clock() - grant.issued_at > self.code_ttl_seconds:
                raise GrantError("authorization code expired")
            if grant.client_id != client_id:
                raise GrantError("authorization code was issued to another client")
            if grant.redirect_uri is not None and redirect_uri != grant.redirect_uri:
                raise GrantError("redirect_uri does not match the authorization request")
            challenge = grant.code_challenge
            if challenge is not None and not (
                verifier and pkce_matches(verifier, challenge, grant.code_challenge_method)
            ):
                raise GrantError("code_verifier does not match code_challenge")
            del self._codes[code]
            return grant
