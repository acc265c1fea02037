"""Clever does not verify emails: accounts follow the Clever user id, never the email."""

from __future__ import annotations

from tests.sso.browser import Browser
from tests.sso.world import SsoWorld

SHARED = "shared.inbox@riverside.example.org"


def test_two_clever_users_with_the_same_email_get_two_accounts(
    world: SsoWorld, browser: Browser
) -> None:
    first = world.sandbox.add_teacher(email=SHARED)
    second = world.sandbox.add_teacher(email=SHARED)

    world.sign_in(browser, first)
    as_first = browser.whoami()["account_id"]
    world.sign_in(browser, second)
    as_second = browser.whoami()["account_id"]

    assert as_first != as_second
    first_account, second_account = world.account_of(first), world.account_of(second)
    assert first_account is not None and first_account.id == as_first
    assert second_account is not None and second_account.id == as_second


def test_a_clever_login_never_takes_over_a_local_account_with_that_email(
    world: SsoWorld, browser: Browser
) -> None:
    local = world.sign_up("same.person@riverside.example.org")
    clever_user = world.sandbox.add_teacher(email="same.person@riverside.example.org")

    world.sign_in(browser, clever_user)

    assert browser.whoami()["account_id"] != local.id
    assert world.account(local.id or 0) == local
