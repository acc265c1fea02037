"""OAuth 2.0 code flow and OIDC over real HTTP against serve_in_thread."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox

REDIRECT = "https://app.example.test/oauth/clever/callback"


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def running(clock: Clock) -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=21, students=300, clock=clock)) as server:
        yield server


@pytest.fixture
def http(running: RunningSandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=running.url, timeout=30) as client:
        yield client


def _authorize(http: httpx.Client, **params: str) -> httpx.Response:
    query = {
        "response_type": "code",
        "client_id": "sandbox-client-id",
        "redirect_uri": REDIRECT,
        **params,
    }
    return http.get("/oauth/authorize", params=query)


def _code(response: httpx.Response) -> dict[str, list[str]]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT + "?")
    return parse_qs(urlsplit(location).query)


def _exchange(
    http: httpx.Client,
    code: str,
    auth: tuple[str, str] = ("sandbox-client-id", "sandbox-client-secret"),
    **extra: str,
) -> httpx.Response:
    body = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, **extra}
    return http.post("/oauth/tokens", data=body, auth=auth)


def test_discovery_uses_the_real_url(running: RunningSandbox, http: httpx.Client) -> None:
    config = http.get("/.well-known/openid-configuration").json()
    assert config["issuer"] == running.url
    assert config["token_endpoint"] == f"{running.url}/oauth/tokens"
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]


def test_teacher_code_flow_with_openid(running: RunningSandbox, http: httpx.Client) -> None:
    teacher = running.sandbox.sample_teacher()
    query = _code(
        _authorize(
            http, user_id=teacher["id"], state="s-1", scope="openid read:user_id", nonce="n-1"
        )
    )
    assert query["state"] == ["s-1"]
    tokens = _exchange(http, query["code"][0])
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    assert body["token_type"] == "bearer"
    keys = KeySet.import_key_set(http.get("/oauth/jwks").json())
    claims = jwt.decode(body["id_token"], keys).claims
    assert claims["iss"] == running.url
    assert claims["aud"] == "sandbox-client-id"
    assert claims["nonce"] == "n-1"
    assert claims["sub"] == teacher["id"]
    assert claims["user_type"] == "teacher"
    assert claims["district"] == running.sandbox.districts[0]
    assert claims["exp"] > claims["iat"]

    user = {"Authorization": f"Bearer {body['access_token']}"}
    me = http.get("/v3.1/me", headers=user).json()
    assert me["type"] == "user"
    assert me["data"]["id"] == teacher["id"]
    assert {"rel": "canonical", "uri": f"/v3.1/users/{teacher['id']}"} in me["links"]
    assert http.get("/v3.0/me", headers=user).json()["data"]["id"] == teacher["id"]
    assert (
        http.get(f"/v3.1/users/{teacher['id']}", headers=user).json()["data"]["id"] == teacher["id"]
    )
    sections = http.get(f"/v3.1/users/{teacher['id']}/sections", headers=user).json()["data"]
    assert sections
    roster = http.get(
        f"/v3.1/sections/{sections[0]['data']['id']}/users?role=student", headers=user
    )
    assert roster.status_code == 200 and roster.json()["data"]
    info = http.get("/userinfo", headers=user).json()
    assert info["sub"] == teacher["id"] and info["user_type"] == "teacher"

    other = running.sandbox.students()[0]["id"]
    assert http.get(f"/v3.1/users/{other}", headers=user).status_code == 403
    assert http.get("/v3.1/sections", headers=user).status_code == 403
    assert _exchange(http, query["code"][0]).json()["error"] == "invalid_grant"


def test_student_token_is_limited_to_self(running: RunningSandbox, http: httpx.Client) -> None:
    student = running.sandbox.sample_student()
    token = _exchange(http, _code(_authorize(http, user_id=student["id"]))["code"][0]).json()
    assert "id_token" not in token  # no openid scope asked
    user = {"Authorization": f"Bearer {token['access_token']}"}
    assert http.get(f"/v3.1/users/{student['id']}", headers=user).status_code == 200
    section = http.get(f"/v3.1/users/{student['id']}/sections", headers=user).json()["data"][0][
        "data"
    ]["id"]
    assert http.get(f"/v3.1/sections/{section}/users", headers=user).status_code == 403


def test_expired_code_is_refused(clock: Clock, running: RunningSandbox, http: httpx.Client) -> None:
    code = _code(_authorize(http, user_id=running.sandbox.sample_student()["id"]))["code"][0]
    clock.now += 61
    assert _exchange(http, code).json() == {
        "error": "invalid_grant",
        "error_description": "authorization code expired",
    }


def test_pkce_verifier_is_checked(running: RunningSandbox, http: httpx.Client) -> None:
    verifier = "v" * 50
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    user_id = running.sandbox.sample_teacher()["id"]
    code = _code(
        _authorize(http, user_id=user_id, code_challenge=challenge, code_challenge_method="S256")
    )["code"][0]
    assert _exchange(http, code).status_code == 400
    assert _exchange(http, code, code_verifier="w" * 50).json()["error"] == "invalid_grant"
    assert _exchange(http, code, code_verifier=verifier).status_code == 200


def test_client_authentication_and_redirect_checks(
    running: RunningSandbox, http: httpx.Client
) -> None:
    code = _code(_authorize(http, user_id=running.sandbox.sample_teacher()["id"]))["code"][0]
    refused = _exchange(http, code, auth=("sandbox-client-id", "wrong"))
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    no_auth = http.post("/oauth/tokens", data={"grant_type": "authorization_code", "code": code})
    assert no_auth.status_code == 401
    mismatch = _exchange(http, code, redirect_uri="https://evil.example/cb")
    assert mismatch.json()["error"] == "invalid_grant"
    as_json = http.post(
        "/oauth/tokens",
        json={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT},
        auth=("sandbox-client-id", "sandbox-client-secret"),
    )
    assert as_json.status_code == 200


def test_unknown_client_gets_an_error_page(http: httpx.Client) -> None:
    response = _authorize(http, client_id="nope")
    assert response.status_code == 400 and "client_id" in response.text


def test_login_page_then_cookie_auto_approves(running: RunningSandbox, http: httpx.Client) -> None:
    page = _authorize(http, state="abc")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    teacher = running.sandbox.teachers()[0]
    student = running.sandbox.students()[0]
    assert page.text.index(teacher["id"]) < page.text.index(student["id"])
    searched = _authorize(http, q=student["id"])
    assert student["id"] in searched.text and teacher["id"] not in searched.text
    _code(_authorize(http, user_id=student["id"], state="abc"))
    again = _code(_authorize(http, state="def"))
    assert again["state"] == ["def"]
    token = _exchange(http, again["code"][0]).json()["access_token"]
    assert (
        http.get("/v3.1/me", headers={"Authorization": f"Bearer {token}"}).json()["data"]["id"]
        == student["id"]
    )


def test_portal_launch_has_no_state(running: RunningSandbox, http: httpx.Client) -> None:
    teacher = running.sandbox.sample_teacher()
    response = http.get(
        "/portal/launch", params={"user_id": teacher["id"], "redirect_uri": REDIRECT}
    )
    query = _code(response)
    assert "state" not in query
    assert "clever_sandbox_login" in response.cookies
    assert _exchange(http, query["code"][0]).status_code == 200


def test_district_token_listing(running: RunningSandbox, http: httpx.Client) -> None:
    listing = http.get(
        "/oauth/tokens?owner_type=district", auth=("sandbox-client-id", "sandbox-client-secret")
    )
    rows = listing.json()["data"]
    assert [r["owner"] for r in rows] == [
        {"type": "district", "id": d} for d in running.sandbox.districts
    ]
    assert rows[0]["access_token"] == running.sandbox.district_token(running.sandbox.districts[0])
    assert "read:sections" in rows[0]["scopes"]
    assert http.get("/oauth/tokens?owner_type=district").status_code == 401


def test_data_api_requires_a_known_bearer_token(http: httpx.Client) -> None:
    assert http.get("/v3.1/sections").status_code == 401
    denied = http.get("/v3.1/sections", headers={"Authorization": "Bearer nope"})
    assert denied.status_code == 401 and "message" in denied.json()
