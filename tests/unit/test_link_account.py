"""LinkAccount: connecting Clever to an account made with a password."""

from __future__ import annotations

from application.accounts import LinkResult, SignUpCommand
from application.ports import CleverLogin
from domain.accounts import Account, Role
from tests.factories import CleverLoginFactory
from tests.unit.world import World


def _account(
    world: World, role: Role = Role.TEACHER, email: str = "a@school.example.org"
) -> Account:
    account = world.sign_up()(SignUpCommand(email, "correct horse battery", "Someone", role))
    assert isinstance(account, Account) and account.id is not None
    return account


def _link(world: World, account: Account, login: CleverLogin) -> LinkResult:
    assert account.id is not None
    return world.link_account()(account.id, login)


def test_linking_connects_clever_to_the_account(world: World) -> None:
    account = _account(world)
    login = CleverLoginFactory(role="teacher")

    result = _link(world, account, login)

    assert result.conflict is None and result.account is not None
    stored = world.account(account.id or -1)
    assert stored is not None
    assert (stored.clever_id, stored.district_id, stored.email) == (
        login.clever_id,
        login.district_id,
        account.email,
    )
    assert world.connect_as(login).id == account.id


def test_a_clever_account_already_linked_elsewhere_is_a_clear_conflict(world: World) -> None:
    login = CleverLoginFactory(role="teacher")
    owner = world.connect_as(login)
    account = _account(world)

    result = _link(world, account, login)

    assert result == LinkResult(
        conflict="That Clever account is already connected to another account."
    )
    assert world.account(account.id or -1) == account
    assert world.account(owner.id or -1) == owner


def test_an_account_linked_to_other_clever_user_is_not_relinked(world: World) -> None:
    account = _account(world)
    first = CleverLoginFactory(role="teacher")
    _link(world, account, first)
    linked = world.account(account.id or -1)

    result = _link(world, account, CleverLoginFactory(role="teacher"))

    assert result.conflict == "This account is already connected to a different Clever account."
    assert world.account(account.id or -1) == linked


def test_linking_the_same_clever_user_again_is_harmless(world: World) -> None:
    account = _account(world)
    login = CleverLoginFactory(role="teacher")
    _link(world, account, login)

    assert _link(world, account, login).conflict is None


def test_a_role_mismatch_is_refused_and_nothing_changes(world: World) -> None:
    teacher_account = _account(world)
    student_account = _account(world, Role.STUDENT, "s@school.example.org")

    as_student = _link(world, teacher_account, CleverLoginFactory(role="student"))
    as_teacher = _link(world, student_account, CleverLoginFactory(role="teacher"))
    as_admin = _link(world, teacher_account, CleverLoginFactory(role="district_admin"))

    assert as_student.conflict == "That Clever account is not a teacher account."
    assert as_teacher.conflict == "That Clever account is not a student account."
    assert as_admin.conflict == "That Clever account is not a teacher account."
    assert world.account(teacher_account.id or -1) == teacher_account
    assert world.account(student_account.id or -1) == student_account


def test_linking_a_student_account_claims_their_roster_record(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1)[0]
    section = world.section([teacher], [student])
    world.run(teacher)
    account = _account(world, Role.STUDENT, "s@school.example.org")

    result = _link(world, account, CleverLoginFactory.for_person(student))

    assert result.conflict is None
    assert world.student_view(section, student).joined is True
    classes = world.services.reader.classes_for_students([student.id])[student.id]
    assert [c.id for c in classes] == [section.id]


def test_linking_needs_a_signed_in_account(world: World) -> None:
    result = world.link_account()(4242, CleverLoginFactory())

    assert result == LinkResult(conflict="Sign in again to connect Clever.")
    assert world.store.accounts == {}
