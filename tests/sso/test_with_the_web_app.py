"""The routes mounted by the real web app (its session middleware, headers and /account page)."""

from __future__ import annotations

from starlette.testclient import TestClient

from graphql_api.app import create_app
from tests.sso.browser import Browser
from tests.sso.service import PUBLIC_URL
from tests.sso.world import SsoWorld


def test_a_teacher_signs_in_through_the_web_app_and_sees_clever_connected(world: SsoWorld) -> None:
    client = TestClient(create_app(world.deps), base_url=PUBLIC_URL, follow_redirects=False)
    browser = Browser(client, PUBLIC_URL, world.clever.url)
    teacher = world.sandbox.sample_teacher()
    assert client.get("/account").status_code == 303, "signed out at first"

    callback = browser.pick_clever_user(
        browser.start_clever_login("/auth/clever/login?next=/account"), teacher["id"]
    )
    landed = browser.visit(callback)

    assert browser.visited[-1] == f"{PUBLIC_URL}/account"
    assert landed.status_code == 200
    assert "Clever: <strong>connected</strong>" in landed.text
