"""OpenID Connect pieces: the signing key, discovery document, id_token, claims."""

from __future__ import annotations

import threading

from joserfc import jwt
from joserfc.jwk import RSAKey

from .records import Record

KEY_ID = "clever-sandbox-rs256"
SCOPES = [
    "openid",
    "profile",
    "email",
    "read:user_id",
    "read:sis",
    "read:students",
    "read:teachers",
    "read:sections",
    "read:schools",
    "read:district_admins",
]
CLAIMS = [
    "iss",
    "sub",
    "aud",
    "exp",
    "iat",
    "nonce",
    "email",
    "given_name",
    "family_name",
    "user_type",
    "district",
    "multi_role_user_id",
]
ID_TOKEN_LIFETIME = 3600

_key_lock = threading.Lock()
_key: RSAKey | None = None


def signing_key() -> RSAKey:
    """One RSA key per process; generating it costs ~0.1 s so it is cached."""
    global _key
    with _key_lock:
        if _key is None:
            _key = RSAKey.generate_key(
                2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"}
            )
        return _key


def jwks() -> Record:
    return {"keys": [signing_key().as_dict(private=False)]}


def discovery(issuer: str) -> Record:
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/oauth/authorize",
        "token_endpoint": f"{issuer}/oauth/tokens",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/oauth/jwks",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "scopes_supported": SCOPES,
        "claims_supported": CLAIMS,
        "code_challenge_methods_supported": ["S256"],
    }


def user_claims(user: Record, role: str, district_id: str) -> Record:
    name = user.get("name") or {}
    return {
        "sub": user.get("id"),
        "email": user.get("email"),
        "given_name": name.get("first"),
        "family_name": name.get("last"),
        "user_type": role,
        "district": district_id,
    }


def id_token(issuer: str, client_id: str, claims: Record, nonce: str | None, now: float) -> str:
    payload = {
        **claims,
        "iss": issuer,
        "aud": client_id,
        "iat": int(now),
        "exp": int(now) + ID_TOKEN_LIFETIME,
    }
    if nonce:
        payload["nonce"] = nonce
    return jwt.encode({"alg": "RS256", "kid": KEY_ID, "typ": "JWT"}, payload, signing_key())
