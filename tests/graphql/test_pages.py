"""/account, and / until (or unless) the Manage Classes page is mounted."""

from __future__ import annotations

import importlib.util

import pytest

from domain.accounts import Role
from graphql_api import app as app_module
from tests.graphql.world import GraphWorld


def test_account_page_needs_a_signed_in_viewer(world: GraphWorld) -> None:
    response = world.client().get("/account")

    assert response.status_code == 303
    assert response.headers["location"] == "/auth/login?next=/account"


def test_account_page_offers_to_connect_clever(world: GraphWorld) -> None:
    client = world.signed_in(world.account(role=Role.TEACHER))

    page = client.get("/account").text

    assert "Unlinked Teacher" in page and "Teacher" in page
    assert "not connected" in page
    assert 'href="/auth/clever/link"' in page


def test_account_page_of_a_linked_teacher(world: GraphWorld) -> None:
    teacher = world.teacher(name="Grace Hopper")
    client = world.signed_in(world.account(teacher))

    page = client.get("/account?linked=1").text

    assert "Grace Hopper" in page and "connected" in page
    assert "Clever is now connected." in page
    assert 'href="/auth/clever/link"' not in page


def test_account_page_shows_a_link_error_escaped(world: GraphWorld) -> None:
    client = world.signed_in(world.account(role=Role.STUDENT))

    page = client.get(
        "/account", params={"link_error": "That Clever account is <b>taken</b>."}
    ).text

    assert "That Clever account is &lt;b&gt;taken&lt;/b&gt;." in page
    assert "<b>taken</b>" not in page


def test_pages_refuse_to_be_framed(world: GraphWorld) -> None:
    response = world.client().get("/auth/login")

    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_home_without_the_pages_module_links_to_sign_in(
    world: GraphWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find_spec = importlib.util.find_spec

    def without_pages(name: str, *args: object) -> object:
        return None if name == "graphql_api.pages" else real_find_spec(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(app_module.importlib.util, "find_spec", without_pages)
    client = world.client(app_module.create_app(world.deps))

    page = client.get("/")

    assert page.status_code == 200
    assert 'href="/auth/login"' in page.text and 'href="/auth/clever/login"' in page.text


def test_clever_sign_in_routes_are_mounted(world: GraphWorld) -> None:
    if importlib.util.find_spec("graphql_api.auth.clever") is None:
        pytest.skip("graphql_api.auth.clever has not landed yet")

    response = world.client().get("/auth/clever/login")

    assert response.status_code != 404
