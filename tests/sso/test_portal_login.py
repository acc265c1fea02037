"""Logins that start at Clever (portal, Instant Login) carry no state: bounce, never exchange."""

from __future__ import annotations

from urllib.parse import urlencode

from tests.sso.browser import Browser, query_of
from tests.sso.service import PUBLIC_URL
from tests.sso.world import SsoWorld

CALLBACK = f"{PUBLIC_URL}/auth/clever/callback"


def test_a_portal_login_ends_signed_in_after_the_bounce(world: SsoWorld, browser: Browser) -> None:
    teacher = world.sandbox.sample_teacher()
    exchanges = world.token_exchanges()
    launch = urlencode({"user_id": teacher["id"], "redirect_uri": CALLBACK})

    final = browser.visit(f"{world.clever.url}/portal/launch?{launch}")

    assert final.status_code == 200
    assert browser.visited[-1] == f"{PUBLIC_URL}/"
    account = world.account_of(teacher["id"])
    assert account is not None and browser.whoami()["account_id"] == account.id
    bounced = [u for u in browser.visited if u.startswith(f"{world.clever.url}/oauth/authorize")]
    assert len(bounced) == 1 and query_of(bounced[0])["state"]
    assert world.token_exchanges() == exchanges + 1, "only the code of our own request is exchanged"


def test_the_bounce_keeps_the_district_clever_named(world: SsoWorld, browser: Browser) -> None:
    district = world.sandbox.districts[0]
    exchanges = world.token_exchanges()

    response = browser.get(f"/auth/clever/callback?code=portal-code&district_id={district}")

    assert response.status_code == 302
    authorize = query_of(response.headers["location"])
    assert authorize["district_id"] == district and authorize["state"]
    assert browser.whoami()["account_id"] is None
    assert world.token_exchanges() == exchanges


def test_a_callback_with_neither_state_nor_code_is_refused(browser: Browser) -> None:
    response = browser.get("/auth/clever/callback")

    assert response.status_code == 400
    assert "expired" in response.text
