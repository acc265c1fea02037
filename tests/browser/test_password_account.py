"""A teacher who signed up with email: the page asks them to connect Clever before syncing, its
log-out and log-in controls work, and a session that ends under it brings back the log-in panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EMAIL = "ms.rivera@example.org"
PASSWORD = "a long enough password"


def test_unlinked_teacher_is_asked_to_connect_clever_and_sees_log_in_once_signed_out(
    chromium_browser: Browser, product: Product
) -> None:
    from playwright.sync_api import expect

    page = chromium_browser.new_context().new_page()
    page.goto(product.url)
    login = page.get_by_role("region", name="Log in")
    expect(login.get_by_role("link", name="Log in with Clever")).to_have_attribute(
        "href", "/auth/clever/login"
    )
    login.get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill("Ana Rivera")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    page.goto(product.url)
    expect(page.get_by_role("heading", name="Your classes")).to_be_visible()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Ana Rivera")
    connect = page.get_by_role("link", name="Connect Clever in account settings")
    expect(connect).to_have_attribute("href", "/account")
    page.get_by_role("button", name="Sync with Clever").click()
    expect(page.locator("#sync-status")).to_contain_text("Connect your Clever account")
    expect(connect).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(login).to_be_visible()
    expect(page.get_by_role("heading", name="Your classes")).to_be_hidden()

    login.get_by_label("Email").fill(EMAIL)
    login.get_by_label("Password").fill(PASSWORD)
    login.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Your classes")).to_be_visible()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Ana Rivera")

    page.context.clear_cookies()  # the session ends (expired, or logged out elsewhere)
    page.get_by_role("button", name="Sync with Clever").click()
    expect(login).to_be_visible()
    expect(page.get_by_role("heading", name="Your classes")).to_be_hidden()
