"""Who an account is to the roster, as every reader reads it (domain.viewer's one rule): the
roster record of its Clever id counts only once the account has claimed it, and only the
record of its role."""

from __future__ import annotations

from dataclasses import replace

from domain.accounts import Account, Role
from domain.viewer import Viewer
from tests.persistence.backends import Backend
from tests.persistence.test_reader_contract import _two_classes


def _account(backend: Backend, role: Role, clever_id: str | None) -> int:
    with backend.uow() as uow:
        account = uow.accounts.add(
            Account(None, role, f"{role.value} account", None, None, clever_id)
        )
        uow.commit()
    assert account.id is not None
    return account.id


def _claim(backend: Backend, clever_id: str, account_id: int) -> None:
    with backend.uow() as uow:
        teacher = uow.rosters.get_teacher(clever_id)
        if teacher is not None:
            uow.rosters.save_teacher(replace(teacher, account_id=account_id))
        student = uow.rosters.get_student(clever_id)
        if student is not None:
            uow.rosters.save_student(replace(student, account_id=account_id))
        uow.commit()


def viewer(backend: Backend, account_id: int) -> Viewer | None:
    found = backend.reader.roster_version_and_viewer(account_id)
    return found.viewer if found is not None else None


def test_a_claimed_record_is_the_accounts_own(backend: Backend) -> None:
    owner, _, kids, _, _ = _two_classes(backend)
    teacher = _account(backend, Role.TEACHER, owner.id)
    pupil = _account(backend, Role.STUDENT, kids[0].id)
    unclaimed = viewer(backend, teacher)
    _claim(backend, owner.id, teacher)
    _claim(backend, kids[0].id, pupil)

    assert unclaimed == Viewer(teacher, "teacher account", Role.TEACHER, owner.id)
    assert viewer(backend, teacher) == Viewer(
        teacher, "teacher account", Role.TEACHER, owner.id, teacher_id=owner.id
    )
    assert viewer(backend, pupil) == Viewer(
        pupil, "student account", Role.STUDENT, kids[0].id, student_id=kids[0].id
    )


def test_another_accounts_claim_or_another_role_gives_no_record(backend: Backend) -> None:
    _, co, kids, _, _ = _two_classes(backend)
    claimant = _account(backend, Role.TEACHER, None)
    _claim(backend, co.id, claimant)
    other = _account(backend, Role.TEACHER, co.id)  # same Clever id, not the claimant
    wrong_role = _account(backend, Role.TEACHER, kids[1].id)
    _claim(backend, kids[1].id, wrong_role)  # a student record, claimed by a teacher account

    assert viewer(backend, other) == Viewer(other, "teacher account", Role.TEACHER, co.id)
    found = viewer(backend, wrong_role)
    assert found is not None and found.teacher_id is None and found.student_id is None
    assert backend.reader.roster_version_and_viewer(10_000) is None  # no such account


def test_the_version_moves_with_every_roster_change(backend: Backend) -> None:
    owner, _, _, _, _ = _two_classes(backend)
    account = _account(backend, Role.TEACHER, owner.id)
    before = backend.reader.roster_version_and_viewer(account)
    _claim(backend, owner.id, account)
    after = backend.reader.roster_version_and_viewer(account)

    assert before is not None and after is not None
    assert after.roster_version != before.roster_version
