"""Password sign-in and sign-up are throttled by account and by address: 429 with Retry-After,
the same answers for an account that does not exist, and the real user can still sign in."""

from __future__ import annotations

import uuid

import httpx
import pytest
from starlette.testclient import TestClient

from domain.accounts import Role
from graphql_api.auth.throttle import (
    FAILED_PER_ACCOUNT,
    FAILED_PER_ADDRESS,
    SignInThrottle,
    throttle_storage,
)
from tests.celery.live import isolated_broker
from tests.graphql.world import PASSWORD, PUBLIC_URL, GraphWorld

WRONG = "not the password at all"


def at(world: GraphWorld, address: str) -> TestClient:
    return TestClient(world.app, base_url=PUBLIC_URL, follow_redirects=False, client=(address, 1))


def sign_in(client: TestClient, email: str, password: str) -> httpx.Response:
    return client.post("/auth/login", json={"email": email, "password": password})


def email_of(world: GraphWorld) -> str:
    account = world.account(role=Role.TEACHER)
    assert account.email is not None
    return account.email


def test_forty_wrong_passwords_then_the_right_one_is_refused(world: GraphWorld) -> None:
    email, attacker = email_of(world), at(world, "198.51.100.1")

    answers = [sign_in(attacker, email, f"{WRONG} {n}") for n in range(40)]
    right = sign_in(attacker, email, PASSWORD)

    assert [a.status_code for a in answers[:5]] == [401] * 5
    assert {a.status_code for a in answers[5:]} == {429}
    assert right.status_code == 429, "the right password is not even tried"
    retry_after = int(right.headers["retry-after"])
    assert 0 < retry_after <= 60
    assert "Too many attempts" in right.json()["error"]


def test_the_real_user_signs_in_from_their_own_address_meanwhile(world: GraphWorld) -> None:
    email = email_of(world)
    for n in range(40):
        sign_in(at(world, "198.51.100.1"), email, f"{WRONG} {n}")

    response = sign_in(at(world, "203.0.113.5"), email, PASSWORD)

    assert response.status_code == 200, response.text
    assert response.json() == {"ok": True}


def test_an_account_tried_from_many_addresses_gives_each_one_try(world: GraphWorld) -> None:
    email = email_of(world)
    spread = FAILED_PER_ACCOUNT[0].amount + 2
    for n in range(spread):
        sign_in(at(world, f"198.51.100.{n + 1}"), email, WRONG)

    again = sign_in(at(world, "198.51.100.1"), email, WRONG)
    real = sign_in(at(world, "203.0.113.5"), email, PASSWORD)

    assert again.status_code == 429 and int(again.headers["retry-after"]) > 60
    assert real.status_code == 200, "a fresh address still gets its try"


def test_one_address_trying_many_accounts_is_throttled(world: GraphWorld) -> None:
    client = at(world, "198.51.100.9")
    limit = FAILED_PER_ADDRESS[0].amount

    answers = [sign_in(client, f"person{n}@example.org", WRONG) for n in range(limit + 1)]

    assert {a.status_code for a in answers[:limit]} == {401}
    assert answers[limit].status_code == 429 and "retry-after" in answers[limit].headers


def test_answers_say_nothing_about_whether_the_account_exists(world: GraphWorld) -> None:
    real, made_up = email_of(world), "nobody-here@example.org"

    def attempts(email: str, address: str) -> list[tuple[int, str]]:
        client = at(world, address)
        return [
            (r.status_code, r.json()["error"])
            for r in (sign_in(client, email, WRONG) for _ in range(8))
        ]

    assert attempts(real, "198.51.100.20") == attempts(made_up, "198.51.100.21")


def test_the_form_shows_the_wait_too(world: GraphWorld) -> None:
    email, client = email_of(world), at(world, "198.51.100.30")
    for _ in range(5):
        client.post("/auth/login", data={"email": email, "password": WRONG})

    page = client.post("/auth/login", data={"email": email, "password": PASSWORD})

    assert page.status_code == 429 and page.headers["retry-after"]
    assert "Too many attempts" in page.text and "<form" in page.text


def test_sign_ups_from_one_address_are_throttled(world: GraphWorld) -> None:
    client = at(world, "198.51.100.40")

    def sign_up(n: int) -> httpx.Response:
        fields = {
            "email": f"new{n}@example.org",
            "password": PASSWORD,
            "name": "N",
            "role": "student",
        }
        return client.post("/auth/signup", json=fields)

    answers = [sign_up(n) for n in range(31)]

    assert {a.status_code for a in answers[:30]} == {201}
    assert answers[30].status_code == 429 and int(answers[30].headers["retry-after"]) > 0
    assert (
        at(world, "203.0.113.41")
        .post(
            "/auth/signup",
            json={
                "email": "other@example.org",
                "password": PASSWORD,
                "name": "O",
                "role": "student",
            },
        )
        .status_code
        == 201
    )


def test_probing_one_email_at_sign_up_is_throttled(world: GraphWorld) -> None:
    email = email_of(world)
    fields = {"email": email, "password": PASSWORD, "name": "X", "role": "teacher"}

    answers = [
        at(world, f"198.51.100.{50 + n}").post("/auth/signup", json=fields) for n in range(11)
    ]

    assert {a.status_code for a in answers[:10]} == {409}
    assert answers[10].status_code == 429


@pytest.mark.redis
def test_processes_sharing_the_broker_share_the_counts() -> None:
    with isolated_broker() as broker:
        first, second = (SignInThrottle(throttle_storage(broker.url)) for _ in range(2))
        email = f"{uuid.uuid4().hex}@example.org"  # keys of this test only
        for _ in range(5):
            first.sign_in_failed(email, "198.51.100.60")

        assert second.sign_in_wait(email, "198.51.100.60") > 0
        assert second.sign_in_wait(email, "203.0.113.60") == 0


def test_a_store_that_is_down_does_not_stop_sign_in(caplog: pytest.LogCaptureFixture) -> None:
    down = SignInThrottle(throttle_storage("redis://127.0.0.1:1/0"))

    down.sign_in_failed("a@example.org", "198.51.100.61")

    assert down.sign_in_wait("a@example.org", "198.51.100.61") == 0
    assert "throttle unavailable" in caplog.text
