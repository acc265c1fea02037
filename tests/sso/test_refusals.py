"""What must not sign anyone in: forged or reused state, replayed codes, foreign redirects,
Clever's own errors, Clever users who are neither teachers nor students."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from graphql_api.auth.clever_states import STATES_PER_CLIENT
from tests.sso.browser import Browser, query_of
from tests.sso.service import PUBLIC_URL, service_app
from tests.sso.world import SsoWorld


def callback_for(world: SsoWorld, browser: Browser, user_id: str) -> str:
    return browser.pick_clever_user(browser.start_clever_login(), user_id)


def test_a_mismatched_state_is_refused(world: SsoWorld, browser: Browser) -> None:
    teacher = world.sandbox.sample_teacher()
    callback = callback_for(world, browser, teacher["id"])
    forged = callback.replace(query_of(callback)["state"], "forged-state")
    exchanges = world.token_exchanges()

    response = browser.get(forged)

    assert response.status_code == 400 and "expired" in response.text
    assert browser.whoami()["account_id"] is None
    assert world.account_of(teacher["id"]) is None
    assert world.token_exchanges() == exchanges


def test_a_callback_link_opened_in_another_browser_signs_nobody_in(world: SsoWorld) -> None:
    attacker, victim = world.browser(), world.browser()
    callback = callback_for(world, attacker, world.sandbox.sample_teacher()["id"])

    in_victim = victim.get(callback)

    assert in_victim.status_code == 400 and victim.whoami()["account_id"] is None


def test_a_stranger_who_learns_a_state_cannot_spend_its_owners_sign_in(world: SsoWorld) -> None:
    owner, stranger = world.browser(), world.browser()
    teacher = world.sandbox.sample_teacher()
    callback = callback_for(world, owner, teacher["id"])
    state = query_of(callback)["state"]

    for trick in (
        callback,
        f"/auth/clever/callback?{urlencode({'state': state, 'code': 'made-up'})}",
        f"/auth/clever/callback?{urlencode({'state': state, 'error': 'access_denied'})}",
    ):
        assert stranger.get(trick).status_code == 400
    landed = owner.visit(callback)

    assert landed.status_code == 200, landed.text
    assert owner.whoami()["account_id"] == world.account_of(teacher["id"]).id  # type: ignore[union-attr]
    assert stranger.whoami()["account_id"] is None


def test_anonymous_sign_in_starts_from_one_address_stay_bounded(world: SsoWorld) -> None:
    elsewhere = TestClient(world.app, base_url=PUBLIC_URL, client=("203.0.113.9", 5000))
    assert elsewhere.get("/auth/clever/login", follow_redirects=False).status_code == 302
    flood = TestClient(world.app, base_url=PUBLIC_URL, client=("198.51.100.7", 5000))

    for _ in range(STATES_PER_CLIENT + 150):
        flood.cookies.clear()  # a fresh "browser" every time
        assert flood.get("/auth/clever/login", follow_redirects=False).status_code == 302

    assert len(world.states) == STATES_PER_CLIENT + 1, "the flood pushed out only its own"


def test_a_state_works_once(world: SsoWorld, browser: Browser) -> None:
    callback = callback_for(world, browser, world.sandbox.sample_teacher()["id"])
    assert browser.visit(callback).status_code == 200

    again = browser.get(callback)

    assert again.status_code == 400


def test_a_replayed_code_is_not_exchanged_again(world: SsoWorld, browser: Browser) -> None:
    teacher = world.sandbox.sample_teacher()
    callback = callback_for(world, browser, teacher["id"])
    assert browser.visit(callback).status_code == 200
    used_code = query_of(callback)["code"]
    signed_in_as = browser.whoami()["account_id"]
    fresh_state = query_of(browser.start_clever_login())["state"]
    exchanges = world.token_exchanges()

    response = browser.get(
        f"/auth/clever/callback?{urlencode({'code': used_code, 'state': fresh_state})}"
    )

    assert response.status_code == 400 and "already used" in response.text
    assert world.token_exchanges() == exchanges
    assert browser.whoami()["account_id"] == signed_in_as


@pytest.mark.parametrize(
    "next_path",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example/path",
    ],
)
def test_next_never_leaves_the_site(world: SsoWorld, browser: Browser, next_path: str) -> None:
    landed = world.sign_in(browser, world.sandbox.sample_teacher()["id"], next_path=next_path)

    assert landed == f"{PUBLIC_URL}/"


def test_clevers_error_is_shown_on_a_friendly_page_safely(
    world: SsoWorld, browser: Browser
) -> None:
    state = query_of(browser.start_clever_login())["state"]
    error = {
        "error": "access_denied",
        "error_description": '<script>alert("hi")</script> The user denied access',
        "state": state,
    }

    response = browser.get(f"/auth/clever/callback?{urlencode(error)}")

    assert response.status_code == 400
    assert (
        "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; The user denied access" in response.text
    )
    assert "<script>" not in response.text
    assert browser.whoami()["account_id"] is None


def test_a_clever_user_who_is_neither_teacher_nor_student_is_refused_kindly(
    world: SsoWorld, browser: Browser
) -> None:
    admin = world.sandbox.teachers()[1]
    world.roles.roles[admin["id"]] = "district_admin"

    authorize = browser.start_clever_login()
    response = browser.get(browser.pick_clever_user(authorize, admin["id"]))

    assert response.status_code == 403
    assert "for teachers and students" in response.text
    assert browser.whoami()["account_id"] is None
    assert world.account_of(admin["id"]) is None


def test_login_without_clever_credentials_explains_itself(world: SsoWorld) -> None:
    deps = replace(world.deps, config=replace(world.deps.config, clever_client_secret=None))
    client = TestClient(service_app(deps), base_url=PUBLIC_URL, follow_redirects=False)

    response = client.get("/auth/clever/login")

    assert response.status_code == 503
    assert "not set up" in response.text
