"""OpenID Connect id_tokens: accepted only when signature, issuer, audience, expiry and nonce all hold."""

from __future__ import annotations

import httpx
import pytest
import respx
from joserfc import jwt
from joserfc.jwk import RSAKey

from adapters.clever import CleverHttp, HttpxCleverOAuth, IdTokenRejected
from tests.clever.conftest import NOW, OAUTH

JWKS_URI = f"{OAUTH}/oauth/jwks"
ISSUER, CLIENT, NONCE = "https://clever.com", "client-id", "nonce-123"


@pytest.fixture(scope="module")
def keys() -> dict[str, RSAKey]:
    return {
        kid: RSAKey.generate_key(2048, parameters={"kid": kid, "alg": "RS256", "use": "sig"})
        for kid in ("clever-1", "clever-2", "forger")
    }


def mint(key: RSAKey, kid: str | None = None, **changes: object) -> str:
    claims: dict[str, object] = {
        "iss": ISSUER,
        "aud": CLIENT,
        "sub": "u1",
        "nonce": NONCE,
        "iat": int(NOW) - 10,
        "exp": int(NOW) + 3600,
        "user_type": "teacher",
    }
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": "RS256", "kid": kid or str(key.kid)}, claims, key)


def published(*published_keys: RSAKey) -> httpx.Response:
    return httpx.Response(200, json={"keys": [k.as_dict(private=False) for k in published_keys]})


@pytest.fixture
def oauth(http: CleverHttp) -> HttpxCleverOAuth:
    return HttpxCleverOAuth(OAUTH, CLIENT, "secret", http=http, clock=lambda: NOW)


def validate(oauth: HttpxCleverOAuth, token: str, nonce: str | None = NONCE) -> dict[str, object]:
    return oauth.validate_id_token(
        token, issuer=ISSUER, audience=CLIENT, nonce=nonce, jwks_uri=JWKS_URI
    )


@respx.mock
def test_a_good_token_gives_its_claims_and_the_keys_are_fetched_once(
    oauth: HttpxCleverOAuth, keys: dict[str, RSAKey]
) -> None:
    route = respx.get(JWKS_URI).mock(return_value=published(keys["clever-1"]))

    claims = validate(oauth, mint(keys["clever-1"]))
    validate(oauth, mint(keys["clever-1"], sub="u2"))

    assert claims["sub"] == "u1" and claims["user_type"] == "teacher"
    assert route.call_count == 1


@respx.mock
@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"iss": "https://evil.example"}, "claim does not match.*iss"),
        ({"aud": "another-app"}, "claim does not match.*aud"),
        ({"nonce": "replayed"}, "claim does not match.*nonce"),
        ({"nonce": None}, "lacks required claims.*nonce"),
        ({"exp": int(NOW) - 120}, "expired"),
        ({"sub": None}, "lacks required claims.*sub"),
        ({"aud": [CLIENT, "another-app"]}, "another authorized party"),
    ],
)
def test_a_token_not_meant_for_this_login_is_refused(
    oauth: HttpxCleverOAuth, keys: dict[str, RSAKey], changes: dict, reason: str
) -> None:
    respx.get(JWKS_URI).mock(return_value=published(keys["clever-1"]))

    with pytest.raises(IdTokenRejected, match=reason):
        validate(oauth, mint(keys["clever-1"], **changes))


@respx.mock
def test_a_token_signed_by_someone_else_is_refused(
    oauth: HttpxCleverOAuth, keys: dict[str, RSAKey]
) -> None:
    respx.get(JWKS_URI).mock(return_value=published(keys["clever-1"]))

    with pytest.raises(IdTokenRejected, match="signature"):
        validate(oauth, mint(keys["forger"], kid="clever-1"))
    with pytest.raises(IdTokenRejected, match="signature"):
        validate(oauth, "not.a.jwt")


@respx.mock
def test_a_rotated_key_is_picked_up_by_fetching_the_keys_again(
    oauth: HttpxCleverOAuth, keys: dict[str, RSAKey]
) -> None:
    route = respx.get(JWKS_URI).mock(
        side_effect=[
            published(keys["clever-1"]),
            published(keys["clever-1"], keys["clever-2"]),
            published(keys["clever-1"], keys["clever-2"]),
        ]
    )
    validate(oauth, mint(keys["clever-1"]))

    assert validate(oauth, mint(keys["clever-2"]))["sub"] == "u1"
    with pytest.raises(IdTokenRejected, match="key Clever does not publish"):
        validate(oauth, mint(keys["forger"]))
    assert route.call_count == 3


@respx.mock
def test_a_login_started_at_clever_has_no_nonce_to_check(
    oauth: HttpxCleverOAuth, keys: dict[str, RSAKey]
) -> None:
    respx.get(JWKS_URI).mock(return_value=published(keys["clever-1"]))

    assert validate(oauth, mint(keys["clever-1"], nonce=None), nonce=None)["sub"] == "u1"
