"""An id_token that does not prove this sign-in is refused, and nothing changes.

The sandbox runs in this process, so each test swaps the function that mints its id_tokens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from clever_sandbox import oidc
from tests.sso.browser import Browser
from tests.sso.world import SsoWorld

Mint = Callable[[str, str, dict[str, Any], str | None, float], str]
genuine: Mint = oidc.id_token


def wrong_issuer(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    return genuine("https://evil.example", client_id, claims, nonce, now)


def wrong_audience(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    return genuine(issuer, "another-clever-app", claims, nonce, now)


def wrong_nonce(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    return genuine(issuer, client_id, claims, "a-nonce-from-another-login", now)


def no_nonce(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    return genuine(issuer, client_id, claims, None, now)


def expired(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    return genuine(issuer, client_id, claims, nonce, time.time() - 2 * oidc.ID_TOKEN_LIFETIME)


def another_user(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    return genuine(issuer, client_id, {**claims, "sub": "5f0000000000000000000bad"}, nonce, now)


def signed_by_someone_else(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    key = RSAKey.generate_key(2048, parameters={"kid": oidc.KEY_ID, "alg": "RS256"})
    payload = {**claims, "iss": issuer, "aud": client_id, "iat": int(now), "exp": int(now) + 600}
    return jwt.encode({"alg": "RS256", "kid": oidc.KEY_ID}, {**payload, "nonce": nonce}, key)


def unsigned(
    issuer: str, client_id: str, claims: dict[str, Any], nonce: str | None, now: float
) -> str:
    token = genuine(issuer, client_id, claims, nonce, now)
    header, payload, _signature = token.split(".")
    return f"{header}.{payload}."


@pytest.mark.parametrize(
    "mint",
    [
        wrong_issuer,
        wrong_audience,
        wrong_nonce,
        no_nonce,
        expired,
        another_user,
        signed_by_someone_else,
        unsigned,
    ],
)
def test_an_id_token_that_does_not_match_is_refused(
    world: SsoWorld, browser: Browser, monkeypatch: pytest.MonkeyPatch, mint: Mint
) -> None:
    teacher = world.sandbox.sample_teacher()
    monkeypatch.setattr(oidc, "id_token", mint)

    callback = browser.pick_clever_user(browser.start_clever_login(), teacher["id"])
    response = browser.get(callback)

    assert response.status_code == 400
    assert "could not confirm" in response.text
    assert browser.whoami()["account_id"] is None
    assert world.account_of(teacher["id"]) is None


def test_the_genuine_id_token_is_accepted(world: SsoWorld, browser: Browser) -> None:
    teacher = world.sandbox.sample_teacher()

    world.sign_in(browser, teacher["id"])

    assert world.account_of(teacher["id"]) is not None
