"""SSOLogin: accounts found and made by Clever id, and students claiming their roster record."""

from __future__ import annotations

import pytest

from application.accounts import AccountRefused, LoginResult, SignUpCommand
from domain.accounts import Account, Role
from tests.factories import CleverLoginFactory
from tests.unit.world import World


def test_a_teachers_first_login_makes_a_teacher_account_and_the_next_finds_it(
    world: World,
) -> None:
    login = CleverLoginFactory(role="teacher", name="Mr. Okafor")

    first = world.sso_login()(login)
    second = world.sso_login()(login)

    assert isinstance(first, LoginResult) and isinstance(second, LoginResult)
    assert first.created and not second.created
    assert second.account == first.account
    assert (first.account.role, first.account.clever_id, first.account.name) == (
        Role.TEACHER,
        login.clever_id,
        "Mr. Okafor",
    )


def test_a_students_first_login_claims_their_roster_record(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student, classmate = world.students(2)
    section = world.section([teacher], [student, classmate])
    world.run(teacher)
    assert world.student_view(section, student).joined is False

    result = world.sso_login()(CleverLoginFactory.for_person(student))

    assert isinstance(result, LoginResult)
    assert result.created and result.rostered
    assert result.account.role is Role.STUDENT
    assert world.student_view(section, student).joined is True
    assert world.student_view(section, classmate).joined is False


def test_a_student_who_signs_in_before_being_rostered_is_joined_once_rostered(
    world: World,
) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1)[0]
    section = world.section([teacher], [student])

    early = world.sso_login()(CleverLoginFactory.for_person(student))
    world.run(teacher)

    assert isinstance(early, LoginResult) and not early.rostered
    view = world.student_view(section, student)
    assert (view.joined, view.name, view.grade_level) == (True, student.name, "GRADE_7")


def test_two_clever_users_with_the_same_email_get_two_accounts(world: World) -> None:
    same = "shared@district.example.org"
    one = world.sso_login()(CleverLoginFactory(email=same))
    two = world.sso_login()(CleverLoginFactory(email=same))

    assert isinstance(one, LoginResult) and isinstance(two, LoginResult)
    assert two.created
    assert one.account.id != two.account.id


def test_a_clever_login_is_never_matched_to_a_password_account_by_email(world: World) -> None:
    email = "ana@school.example.org"
    own = world.sign_up()(SignUpCommand(email, "correct horse battery", "Ana", Role.TEACHER))
    assert isinstance(own, Account)

    result = world.sso_login()(CleverLoginFactory(email=email))

    assert isinstance(result, LoginResult)
    assert result.created and result.account.id != own.id
    assert world.account(own.id or -1) == own


@pytest.mark.parametrize("role", ["district_admin", "school_admin", "contact", ""])
def test_other_clever_roles_are_refused(world: World, role: str) -> None:
    result = world.sso_login()(CleverLoginFactory(role=role))

    assert result == AccountRefused("Only teachers and students can sign in to this product.")
    assert world.store.accounts == {}
