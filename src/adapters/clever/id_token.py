"""OpenID Connect id_token checks: signature against Clever's JWKS, issuer, audience, expiry, nonce."""

from __future__ import annotations

import time

from joserfc import jwt
from joserfc.errors import (
    ExpiredTokenError,
    InvalidClaimError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from adapters.clever.errors import IdTokenRejected

SIGNING_ALGORITHMS = ("RS256",)
LEEWAY_SECONDS = 60


class UnknownSigningKey(IdTokenRejected):
    """The token names a key the JWKS does not hold (Clever may have rotated keys)."""


def verify_id_token(
    id_token: str,
    keys: KeySet,
    *,
    issuer: str,
    audience: str,
    nonce: str | None,
    now: float | None = None,
    leeway: int = LEEWAY_SECONDS,
) -> dict[str, object]:
    """The token's claims; IdTokenRejected names the first check that failed.
    ``nonce=None`` is for logins that started at Clever (portal, Instant Login) and carry none."""
    try:
        token = jwt.decode(id_token, keys, algorithms=list(SIGNING_ALGORITHMS))
    except InvalidKeyIdError:
        raise UnknownSigningKey("id_token is signed with a key Clever does not publish") from None
    except (JoseError, ValueError) as exc:
        raise IdTokenRejected(
            f"id_token signature or format is invalid ({type(exc).__name__})"
        ) from None
    expected: dict[str, jwt.ClaimsOption] = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": audience},
        "exp": {"essential": True},
        "sub": {"essential": True},
    }
    if nonce is not None:
        expected["nonce"] = {"essential": True, "value": nonce}
    registry = jwt.JWTClaimsRegistry(
        now=int(now if now is not None else time.time()), leeway=leeway, **expected
    )
    try:
        registry.validate(token.claims)
    except ExpiredTokenError:
        raise IdTokenRejected("id_token has expired") from None
    except MissingClaimError as exc:
        raise IdTokenRejected(f"id_token lacks required claims ({exc.description})") from None
    except InvalidClaimError as exc:
        raise IdTokenRejected(f"id_token claim does not match ({exc.description})") from None
    except JoseError as exc:
        raise IdTokenRejected(f"id_token claims are invalid ({type(exc).__name__})") from None
    _check_authorized_party(token.claims, audience)
    return dict(token.claims)


def _check_authorized_party(claims: dict[str, object], audience: str) -> None:
    """With several audiences, OIDC requires ``azp`` to name us."""
    aud = claims.get("aud")
    if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != audience:
        raise IdTokenRejected("id_token has several audiences and another authorized party")
