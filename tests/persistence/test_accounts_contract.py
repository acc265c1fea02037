from __future__ import annotations

import pytest

from domain.accounts import Account, Role
from tests.persistence.backends import Backend


def _teacher(email: str | None = "ada@school.example", clever_id: str | None = None) -> Account:
    return Account(None, Role.TEACHER, "Ada Lovelace", email, "hash", clever_id, None)


def test_added_account_is_found_by_id_email_and_clever_id(backend: Backend) -> None:
    with backend.uow() as uow:
        saved = uow.accounts.add(_teacher(clever_id="t1"))
        uow.commit()

    assert saved.id is not None
    with backend.uow() as uow:
        assert uow.accounts.get(saved.id) == saved
        assert uow.accounts.by_email("ada@school.example") == saved
        assert uow.accounts.by_clever_id("t1") == saved
        assert uow.accounts.get(saved.id + 1000) is None


def test_email_and_clever_id_are_unique(backend: Backend) -> None:
    with backend.uow() as uow:
        first = uow.accounts.add(_teacher(clever_id="t1"))
        uow.commit()

    with backend.uow() as uow, pytest.raises(ValueError):
        uow.accounts.add(_teacher(clever_id="t2"))
    with backend.uow() as uow, pytest.raises(ValueError):
        uow.accounts.add(_teacher(email="other@school.example", clever_id="t1"))

    with backend.uow() as uow:
        assert uow.accounts.by_email("ada@school.example") == first
        assert uow.accounts.by_email("other@school.example") is None


def test_accounts_without_email_or_clever_id_can_coexist(backend: Backend) -> None:
    with backend.uow() as uow:
        one = uow.accounts.add(_teacher(email=None, clever_id="t1"))
        two = uow.accounts.add(_teacher(email=None, clever_id="t2"))
        three = uow.accounts.add(_teacher(email="x@school.example", clever_id=None))
        four = uow.accounts.add(_teacher(email="y@school.example", clever_id=None))
        uow.commit()

    assert len({one.id, two.id, three.id, four.id}) == 4


def test_linking_clever_is_stored(backend: Backend) -> None:
    with backend.uow() as uow:
        account = uow.accounts.add(_teacher())
        uow.accounts.update(account.linked_to("t9", "d1"))
        uow.commit()

    with backend.uow() as uow:
        linked = uow.accounts.by_clever_id("t9")
    assert linked is not None and linked.id == account.id and linked.district_id == "d1"


def test_nothing_is_kept_unless_committed(backend: Backend) -> None:
    with backend.uow() as uow:
        uow.accounts.add(_teacher())

    with backend.uow() as uow:
        assert uow.accounts.by_email("ada@school.example") is None
