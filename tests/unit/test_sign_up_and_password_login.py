"""SignUp and PasswordLogin: accounts without Clever."""

from __future__ import annotations

import pytest

from application.accounts import AccountRefused, SignUpCommand
from domain.accounts import Account, Role
from tests.unit.world import World

PASSWORD = "correct horse battery"


def _sign_up(world: World, email: str, password: str = PASSWORD, name: str = "Ana") -> object:
    return world.sign_up()(SignUpCommand(email, password, name, Role.TEACHER))


def test_sign_up_then_log_in_with_the_password(world: World) -> None:
    account = _sign_up(world, "  Ana@School.Example.org ")

    assert isinstance(account, Account)
    assert (account.email, account.role, account.clever_linked) == (
        "ana@school.example.org",
        Role.TEACHER,
        False,
    )
    assert account.password_hash is not None and PASSWORD not in account.password_hash
    assert world.password_login()("ANA@school.example.org", PASSWORD) == account


def test_an_email_already_taken_is_refused_whatever_its_case(world: World) -> None:
    first = _sign_up(world, "ana@school.example.org")

    again = _sign_up(world, "ANA@School.example.org", "another good password", "Other Ana")

    assert again == AccountRefused("An account with that email already exists.")
    assert list(world.store.accounts.values()) == [first]


@pytest.mark.parametrize("password", ["short", "nine char", "ana@school.example.org", "ANA@SCHOOL"])
def test_a_weak_password_is_refused(world: World, password: str) -> None:
    refused = _sign_up(world, "ana@school.example.org", password)

    assert refused == AccountRefused("Choose a password of at least 10 characters.")
    assert world.store.accounts == {}


@pytest.mark.parametrize(
    "email",
    ["", "ana", "ana@school", "ana @school.org", "@school.org", "a@b@c.org", "a" * 250 + "@b.org"],
)
def test_a_bad_email_is_refused(world: World, email: str) -> None:
    assert _sign_up(world, email) == AccountRefused("Enter a valid email address.")
    assert world.store.accounts == {}


@pytest.mark.parametrize("name", ["", "   ", "n" * 256])
def test_a_missing_or_overlong_name_is_refused(world: World, name: str) -> None:
    refused = _sign_up(world, "ana@school.example.org", name=name)

    assert isinstance(refused, AccountRefused)
    assert world.store.accounts == {}


def test_a_wrong_password_or_unknown_email_logs_nobody_in(world: World) -> None:
    _sign_up(world, "ana@school.example.org")
    login = world.password_login()

    assert login("ana@school.example.org", "wrong horse battery") is None
    assert login("nobody@school.example.org", PASSWORD) is None
    assert login("ana@school.example.org", "") is None


def test_an_account_made_by_clever_has_no_password_to_log_in_with(world: World) -> None:
    teacher = world.teacher(email="clever@school.example.org")
    world.connect(teacher)

    assert world.password_login()("clever@school.example.org", PASSWORD) is None
