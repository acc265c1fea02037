"""Linking Clever to an account made with email and password, from account settings."""

from __future__ import annotations

from domain.accounts import Role
from tests.sso.browser import Browser
from tests.sso.service import PUBLIC_URL
from tests.sso.world import SsoWorld


def link_as(browser: Browser, clever_user_id: str) -> str:
    authorize = browser.start_clever_login("/auth/clever/link")
    return browser.pick_clever_user(authorize, clever_user_id)


def test_a_signed_in_teacher_links_clever(world: SsoWorld, browser: Browser) -> None:
    local = world.sign_up("ms.rivera@school.example.org")
    teacher = world.sandbox.teachers()[2]
    world.password_sign_in(browser, "ms.rivera@school.example.org")

    final = browser.visit(link_as(browser, teacher["id"]))

    assert browser.visited[-1] == f"{PUBLIC_URL}/account?linked=1"
    assert final.json() == {"account_id": local.id, "linked": "1"}
    linked = world.account(local.id or 0)
    assert linked is not None and linked.clever_id == teacher["id"]
    later = world.browser()
    world.sign_in(later, teacher["id"])
    assert later.whoami()["account_id"] == local.id, "Clever login now reaches the same account"


def test_linking_a_clever_account_that_belongs_to_someone_else_changes_nothing(
    world: SsoWorld, browser: Browser
) -> None:
    teacher = world.sandbox.teachers()[3]
    world.sign_in(world.browser(), teacher["id"])
    owner = world.account_of(teacher["id"])
    local = world.sign_up("mr.chen@school.example.org")
    world.password_sign_in(browser, "mr.chen@school.example.org")

    response = browser.get(link_as(browser, teacher["id"]))

    assert response.status_code == 409
    assert "already connected to another account" in response.text
    assert world.account(local.id or 0) == local
    assert world.account_of(teacher["id"]) == owner
    assert browser.whoami()["account_id"] == local.id


def test_a_teacher_account_cannot_link_a_clever_student(world: SsoWorld, browser: Browser) -> None:
    local = world.sign_up("ms.okafor@school.example.org", Role.TEACHER)
    student = world.sandbox.students()[5]
    world.password_sign_in(browser, "ms.okafor@school.example.org")

    response = browser.get(link_as(browser, student["id"]))

    assert response.status_code == 409 and "not a teacher account" in response.text
    assert world.account(local.id or 0) == local
    assert world.account_of(student["id"]) is None


def test_linking_needs_a_signed_in_account(browser: Browser) -> None:
    response = browser.get("/auth/clever/link")

    assert response.status_code == 302
    assert response.headers["location"] == "/auth/login?next=/account"


def test_a_link_that_returns_to_another_session_changes_nothing(
    world: SsoWorld, browser: Browser
) -> None:
    first = world.sign_up("first.teacher@school.example.org")
    world.sign_up("second.teacher@school.example.org")
    teacher = world.sandbox.teachers()[4]
    world.password_sign_in(browser, "first.teacher@school.example.org")
    callback = link_as(browser, teacher["id"])
    world.password_sign_in(browser, "second.teacher@school.example.org")

    response = browser.get(callback)

    assert response.status_code == 400
    assert world.account(first.id or 0) == first
    assert world.account_of(teacher["id"]) is None
