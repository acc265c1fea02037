"""/account, the Manage Classes page at / and the Clever sign-in routes, all mounted."""

from __future__ import annotations

from domain.accounts import Role
from graphql_api.account_page import LINK_ERRORS
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


def test_account_page_shows_the_link_error_named_by_its_code(world: GraphWorld) -> None:
    client = world.signed_in(world.account(role=Role.STUDENT))

    page = client.get("/account", params={"link_error": "clever_taken"}).text

    assert LINK_ERRORS["clever_taken"] in page


def test_account_page_never_shows_text_a_link_carries(world: GraphWorld) -> None:
    client = world.signed_in(world.account(role=Role.STUDENT))
    lure = "Your account is locked. Call 555-0100 and give your password."

    for value in (lure, "<b>taken</b>", "clever_taken " + lure, "CLEVER_TAKEN"):
        page = client.get("/account", params={"link_error": value}).text
        assert "555-0100" not in page and "taken</b>" not in page and "&lt;b&gt;" not in page
        assert LINK_ERRORS["clever_taken"] not in page


def test_pages_refuse_to_be_framed(world: GraphWorld) -> None:
    response = world.client().get("/auth/login")

    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_home_is_the_manage_classes_page(world: GraphWorld) -> None:
    response = world.client().get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_clever_sign_in_routes_are_mounted(world: GraphWorld) -> None:
    response = world.client().get("/auth/clever/login")

    assert response.status_code != 404
