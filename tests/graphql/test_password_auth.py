"""Sign up, sign in and out with email and password; the session cookie."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from domain.accounts import Role
from tests.graphql.world import PASSWORD, PUBLIC_URL, GraphWorld, data

VIEWER = "{ viewer { id name role } }"


def session_of(client: TestClient) -> dict[str, Any]:
    """The session as the server sees it: its id (the cookie) and the signed-in account."""
    cookie = client.cookies.get("rostersync_session")
    viewer = data(client, VIEWER)["viewer"]
    if cookie is None or viewer is None:
        return {}
    return {"sid": cookie, "account_id": int(viewer["id"])}


def sign_up(client: TestClient, **fields: str) -> Any:
    form = {"email": "ada@example.org", "password": PASSWORD, "name": "Ada", "role": "teacher"}
    return client.post("/auth/signup", data={**form, **fields})


def test_sign_up_signs_the_new_teacher_in(world: GraphWorld) -> None:
    client = world.client()

    response = sign_up(client, name="  Ada   Lovelace ")

    assert response.status_code == 303
    assert response.headers["location"] == "/account"
    viewer = data(client, VIEWER)["viewer"]
    assert (viewer["name"], viewer["role"]) == ("Ada Lovelace", "TEACHER")


def test_sign_up_as_json(world: GraphWorld) -> None:
    client = world.client()

    response = client.post(
        "/auth/signup",
        json={"email": "Bo@Example.org", "password": PASSWORD, "name": "Bo", "role": "student"},
    )

    assert response.status_code == 201
    assert response.json()["ok"] is True
    assert data(client, VIEWER)["viewer"]["role"] == "STUDENT"


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"password": "short"}, 400, "at least 10 characters"),
        ({"email": "not-an-email"}, 400, "valid email address"),
        ({"name": "   "}, 400, "Enter your name"),
        ({"role": "admin"}, 400, "teacher or a student"),
    ],
)
def test_sign_up_refusals_are_clear(
    world: GraphWorld, fields: dict[str, str], status: int, message: str
) -> None:
    client = world.client()

    form = sign_up(client, **fields)
    as_json = client.post(
        "/auth/signup",
        json={
            "email": "j@example.org",
            "password": PASSWORD,
            "name": "J",
            "role": "teacher",
            **fields,
        },
    )

    assert form.status_code == status and message in form.text
    assert as_json.status_code == status and message in as_json.json()["error"]
    assert world.store.accounts == {}
    assert data(client, VIEWER) == {"viewer": None}


def test_sign_up_with_a_taken_email_is_a_conflict(world: GraphWorld) -> None:
    sign_up(world.client())

    response = sign_up(world.client(), email="ADA@example.org", name="Someone else")

    assert response.status_code == 409
    assert "already exists" in response.text
    assert [a.name for a in world.store.accounts.values()] == ["Ada"]


def test_login_redirects_to_a_safe_next_path(world: GraphWorld) -> None:
    account = world.account(role=Role.TEACHER)
    client = world.client()

    response = client.post(
        "/auth/login?next=/account",
        data={"email": account.email or "", "password": PASSWORD, "next": "/account?tab=1"},
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/account?tab=1"
    assert data(client, VIEWER)["viewer"]["id"] == str(account.id)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil",
    ],
)
def test_login_never_redirects_off_site(world: GraphWorld, target: str) -> None:
    account = world.account(role=Role.TEACHER)

    response = world.client().post(
        "/auth/login", data={"email": account.email or "", "password": PASSWORD, "next": target}
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_login_as_json(world: GraphWorld) -> None:
    account = world.account(role=Role.STUDENT)
    client = world.client()

    response = client.post("/auth/login", json={"email": account.email, "password": PASSWORD})

    assert response.status_code == 200 and response.json() == {"ok": True}
    assert data(client, VIEWER)["viewer"]["role"] == "STUDENT"


def test_wrong_password_and_unknown_email_get_the_same_answer(world: GraphWorld) -> None:
    account = world.account(role=Role.TEACHER)
    client = world.client()

    wrong = client.post(
        "/auth/login", data={"email": account.email or "", "password": "wrong password!"}
    )
    unknown = client.post("/auth/login", data={"email": "nobody@example.org", "password": PASSWORD})
    as_json = client.post("/auth/login", json={"email": account.email, "password": "nope nope!"})

    assert wrong.status_code == unknown.status_code == as_json.status_code == 401
    assert "do not match an account" in wrong.text and "do not match an account" in unknown.text
    assert as_json.json() == {
        "ok": False,
        "error": "That email and password do not match an account.",
    }
    assert data(client, VIEWER) == {"viewer": None}


def test_a_cross_site_form_post_is_refused(world: GraphWorld) -> None:
    account = world.account(role=Role.TEACHER)
    client = world.client()

    response = client.post(
        "/auth/login",
        data={"email": account.email or "", "password": PASSWORD},
        headers={"origin": "https://evil.example"},
    )
    same_site = client.post(
        "/auth/login",
        data={"email": account.email or "", "password": PASSWORD},
        headers={"origin": PUBLIC_URL},
    )

    assert response.status_code == 403
    assert same_site.status_code == 303


def test_session_cookie_is_http_only_and_same_site_lax(world: GraphWorld) -> None:
    account = world.account(role=Role.TEACHER)

    response = world.client().post(
        "/auth/login", data={"email": account.email or "", "password": PASSWORD}
    )

    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("rostersync_session=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert "max-age" not in cookie and "expires" not in cookie  # the server ends it
    assert "secure" not in cookie


def test_session_cookie_is_secure_behind_https() -> None:
    world = GraphWorld.build(public_url="https://rostersync.example")
    account = world.account(role=Role.TEACHER)
    client = TestClient(world.app, base_url="https://rostersync.example", follow_redirects=False)

    response = client.post("/auth/login", data={"email": account.email or "", "password": PASSWORD})

    assert response.status_code == 303
    assert "secure" in response.headers["set-cookie"].lower()


def test_login_rotates_the_session(world: GraphWorld) -> None:
    first, second = world.account(role=Role.TEACHER), world.account(role=Role.STUDENT)
    client = world.client()
    client.post("/auth/login", data={"email": first.email or "", "password": PASSWORD})
    before = session_of(client)

    client.post("/auth/login", data={"email": second.email or "", "password": PASSWORD})
    after = session_of(client)

    assert before["account_id"] == first.id and after["account_id"] == second.id
    assert before["sid"] != after["sid"]
    assert data(client, VIEWER)["viewer"]["id"] == str(second.id)


def test_logout_clears_the_session(world: GraphWorld) -> None:
    client = world.signed_in(world.account(role=Role.TEACHER))

    response = client.post("/auth/logout")

    assert response.status_code == 303 and response.headers["location"] == "/"
    assert session_of(client) == {}
    assert data(client, VIEWER) == {"viewer": None}


def test_a_session_of_a_deleted_account_is_anonymous_and_cleared(world: GraphWorld) -> None:
    account = world.account(role=Role.TEACHER)
    client = world.signed_in(account)
    assert account.id is not None
    del world.store.accounts[account.id]

    assert data(client, VIEWER) == {"viewer": None}
    assert session_of(client) == {}


def test_login_page_and_signup_page_render_forms(world: GraphWorld) -> None:
    client = world.client()

    login = client.get("/auth/login?next=/account")
    signup = client.get("/auth/signup")

    assert login.status_code == 200 and 'name="password"' in login.text
    assert 'value="/account"' in login.text and "/auth/clever/login" in login.text
    assert signup.status_code == 200 and 'name="role"' in signup.text


def test_login_page_escapes_what_it_echoes(world: GraphWorld) -> None:
    page = world.client().get('/auth/login?next=/"><script>alert(1)</script>')

    assert "<script>alert(1)" not in page.text
