"""A teacher logs in with Clever and lands signed in, with an account keyed by their Clever id."""

from __future__ import annotations

from domain.accounts import Role
from tests.sso.browser import Browser, query_of
from tests.sso.service import PUBLIC_URL
from tests.sso.world import SsoWorld


def test_a_teacher_logs_in_and_gets_an_account_linked_by_clever_id(
    world: SsoWorld, browser: Browser
) -> None:
    teacher = world.sandbox.sample_teacher()

    landed = world.sign_in(browser, teacher["id"], next_path="/")

    assert landed == f"{PUBLIC_URL}/"
    account = world.account_of(teacher["id"])
    assert account is not None
    assert account.role is Role.TEACHER
    assert account.district_id == teacher["district"]
    assert browser.whoami()["account_id"] == account.id


def test_a_teacher_without_premium_logs_in_normally(world: SsoWorld, browser: Browser) -> None:
    teacher = world.sandbox.teachers()[-1]

    world.sign_in(browser, teacher["id"])

    account = world.account_of(teacher["id"])
    assert account is not None
    assert browser.whoami()["account_id"] == account.id


def test_the_teacher_returns_to_the_page_they_asked_for(world: SsoWorld, browser: Browser) -> None:
    teacher = world.sandbox.sample_teacher()

    landed = world.sign_in(browser, teacher["id"], next_path="/account?tab=classes")

    assert landed == f"{PUBLIC_URL}/account?tab=classes"


def test_logging_in_twice_keeps_one_account(world: SsoWorld) -> None:
    teacher = world.sandbox.sample_teacher()
    first, second = world.browser(), world.browser()

    world.sign_in(first, teacher["id"])
    world.sign_in(second, teacher["id"])

    assert first.whoami()["account_id"] == second.whoami()["account_id"]


def test_the_authorize_request_asks_for_openid_with_nonce_and_pkce(
    world: SsoWorld, browser: Browser
) -> None:
    authorize = query_of(browser.start_clever_login())

    assert authorize["response_type"] == "code"
    assert authorize["client_id"] == world.sandbox.client_id
    assert authorize["redirect_uri"] == f"{PUBLIC_URL}/auth/clever/callback"
    assert authorize["scope"].split() == ["openid"]
    assert authorize["nonce"] and authorize["state"]
    assert authorize["code_challenge_method"] == "S256" and authorize["code_challenge"]


def test_oauth_state_stays_on_the_server_not_in_the_cookie(
    world: SsoWorld, browser: Browser
) -> None:
    authorize = query_of(browser.start_clever_login())

    cookie = browser.service.cookies.get("rostersync_session") or ""
    assert authorize["state"] not in cookie and authorize["nonce"] not in cookie
    assert browser.whoami()["keys"] == ["clever_browser"]
