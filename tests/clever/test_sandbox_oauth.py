"""Sign-in against the sandbox: authorize -> code -> exchange -> identify, tokens and id_tokens."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from adapters.clever import CleverHttp, HttpxCleverIdentity, HttpxCleverOAuth, IdTokenRejected
from application.errors import CleverAuthError, CleverBadRequest
from application.ports import CleverLogin
from clever_sandbox.server import RunningSandbox

REDIRECT = "https://app.example/auth/clever/callback"
NONCE = "n-0123456789"


def oauth_for(
    running: RunningSandbox, http: CleverHttp, clock: Callable[[], float] = time.time
) -> HttpxCleverOAuth:
    clever = running.sandbox
    return HttpxCleverOAuth(
        running.url, clever.client_id, clever.client_secret, http=http, clock=clock
    )


def authorize(running: RunningSandbox, user_id: str, **extra: str) -> str:
    """The code Clever's redirect carries after the user signs in."""
    params = {
        "client_id": running.sandbox.client_id,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "openid read:user_id",
        "user_id": user_id,
        "state": "s1",
        "nonce": NONCE,
        **extra,
    }
    answer = httpx.get(f"{running.url}/oauth/authorize", params=params)
    assert answer.status_code == 302
    return parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]


def name_of(user: dict) -> str:
    name = user["name"]
    return " ".join(p for p in (name["first"], name["middle"], name["last"]) if p)


def check(
    oauth: HttpxCleverOAuth, running: RunningSandbox, id_token: str, **changes: object
) -> dict:
    expected: dict = {
        "issuer": running.url,
        "audience": running.sandbox.client_id,
        "nonce": NONCE,
        "jwks_uri": f"{running.url}/oauth/jwks",
    }
    return oauth.validate_id_token(id_token, **{**expected, **changes})


def test_a_teacher_signs_in_with_the_code_flow(sandbox: RunningSandbox, http: CleverHttp) -> None:
    teacher = sandbox.sandbox.sample_teacher()
    oauth = oauth_for(sandbox, http)

    tokens = oauth.exchange_code(authorize(sandbox, teacher["id"]), REDIRECT)
    login = HttpxCleverIdentity(sandbox.url, http=http).identify(str(tokens["access_token"]))
    claims = check(oauth, sandbox, str(tokens["id_token"]))

    assert login == CleverLogin(
        teacher["id"],
        sandbox.sandbox.districts[0],
        "teacher",
        name_of(teacher),
        teacher["email"],
        tuple(teacher["roles"]["teacher"]["schools"]),
    )
    assert claims["sub"] == teacher["id"]


@pytest.mark.parametrize("version", ["v3.0", "v3.1"])
def test_a_student_is_identified_on_either_version(
    sandbox: RunningSandbox, http: CleverHttp, version: str
) -> None:
    student = sandbox.sandbox.sample_student()
    tokens = oauth_for(sandbox, http).exchange_code(authorize(sandbox, student["id"]), REDIRECT)

    login = HttpxCleverIdentity(sandbox.url, version, http=http).identify(
        str(tokens["access_token"])
    )

    assert (login.clever_id, login.role, login.name) == (student["id"], "student", name_of(student))


def test_a_code_works_once(sandbox: RunningSandbox, http: CleverHttp) -> None:
    oauth = oauth_for(sandbox, http)
    code = authorize(sandbox, sandbox.sandbox.sample_student()["id"])
    oauth.exchange_code(code, REDIRECT)

    with pytest.raises(CleverBadRequest, match="invalid_grant"):
        oauth.exchange_code(code, REDIRECT)


def test_pkce_binds_the_code_to_its_verifier(sandbox: RunningSandbox, http: CleverHttp) -> None:
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    pkce = {"code_challenge": challenge.decode(), "code_challenge_method": "S256"}
    user = sandbox.sandbox.sample_student()["id"]
    oauth = oauth_for(sandbox, http)

    with pytest.raises(CleverBadRequest):
        oauth.exchange_code(authorize(sandbox, user, **pkce), REDIRECT, "wrong" * 10)
    assert oauth.exchange_code(authorize(sandbox, user, **pkce), REDIRECT, verifier)["access_token"]


def test_a_portal_login_has_no_state_and_no_nonce(
    sandbox: RunningSandbox, http: CleverHttp
) -> None:
    user = sandbox.sandbox.sample_teacher()["id"]
    answer = httpx.get(
        f"{sandbox.url}/portal/launch", params={"user_id": user, "redirect_uri": REDIRECT}
    )
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    oauth = oauth_for(sandbox, http)

    tokens = oauth.exchange_code(query["code"][0], REDIRECT)

    assert "state" not in query
    assert check(oauth, sandbox, str(tokens["id_token"]), nonce=None)["sub"] == user


def test_the_district_token_list(sandbox: RunningSandbox, http: CleverHttp) -> None:
    clever = sandbox.sandbox

    assert oauth_for(sandbox, http).district_tokens() == {
        d: clever.district_token(d) for d in clever.districts
    }
    wrong = HttpxCleverOAuth(sandbox.url, clever.client_id, "not-the-secret", http=http)
    with pytest.raises(CleverAuthError):
        wrong.district_tokens()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"issuer": "https://clever.com"}, "iss"),
        ({"audience": "another-client"}, "aud"),
        ({"nonce": "a-different-nonce"}, "nonce"),
    ],
)
def test_an_id_token_for_another_login_is_refused(
    sandbox: RunningSandbox, http: CleverHttp, changes: dict, reason: str
) -> None:
    oauth = oauth_for(sandbox, http)
    tokens = oauth.exchange_code(
        authorize(sandbox, sandbox.sandbox.sample_teacher()["id"]), REDIRECT
    )

    with pytest.raises(IdTokenRejected, match=reason):
        check(oauth, sandbox, str(tokens["id_token"]), **changes)


def test_an_expired_id_token_is_refused(sandbox: RunningSandbox, http: CleverHttp) -> None:
    later = oauth_for(sandbox, http, clock=lambda: sandbox.sandbox.clock() + 2 * 3600)
    tokens = later.exchange_code(
        authorize(sandbox, sandbox.sandbox.sample_teacher()["id"]), REDIRECT
    )

    with pytest.raises(IdTokenRejected, match="expired"):
        check(later, sandbox, str(tokens["id_token"]))


def test_an_id_token_signed_with_another_key_is_refused(
    sandbox: RunningSandbox, http: CleverHttp
) -> None:
    oauth = oauth_for(sandbox, http)
    tokens = oauth.exchange_code(
        authorize(sandbox, sandbox.sandbox.sample_teacher()["id"]), REDIRECT
    )
    genuine = jwt.decode(str(tokens["id_token"]), _public_keys(sandbox))
    forger = RSAKey.generate_key(2048)
    forged = jwt.encode(genuine.header, {**genuine.claims, "sub": "someone-else"}, forger)

    with pytest.raises(IdTokenRejected, match="signature"):
        check(oauth, sandbox, forged)


def _public_keys(running: RunningSandbox) -> KeySet:
    return KeySet.import_key_set(httpx.get(f"{running.url}/oauth/jwks").json())
