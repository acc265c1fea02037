"""Two first Clever sign-ins of the same person at the same moment (a double click, two tabs):
the one that loses the race to create the account signs in to the account the other created."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from adapters.sqlalchemy.accounts import SqlAlchemyAccountRepository
from adapters.sqlalchemy.tables import accounts, students
from application.accounts import AccountRefused, LoginResult, SSOLogin
from application.ports import CleverLogin
from domain.accounts import Account
from tests.persistence.backends import sql_backend

KID = CleverLogin("stu-1", "district-1", "student", "Kim Park")


def test_the_second_of_two_simultaneous_first_sign_ins_signs_in_too(
    postgres_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = sql_backend("postgres", postgres_engine)
    first, second = SSOLogin(backend.uow), SSOLogin(backend.uow)
    looked_up = SqlAlchemyAccountRepository.by_clever_id
    rivals: list[LoginResult | AccountRefused] = []
    raced = False

    def the_other_tab_wins(self: SqlAlchemyAccountRepository, clever_id: str) -> Account | None:
        nonlocal raced
        found = looked_up(self, clever_id)
        if not raced:  # between this sign-in's look-up and its insert, the other one commits
            raced = True
            rivals.append(first(KID))
        return found

    monkeypatch.setattr(SqlAlchemyAccountRepository, "by_clever_id", the_other_tab_wins)
    result = second(KID)

    assert isinstance(result, LoginResult) and isinstance(rivals[0], LoginResult)
    assert rivals[0].created
    assert result.account.id == rivals[0].account.id
    assert not result.created
    with postgres_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(accounts)).scalar_one() == 1
        claimed = conn.execute(select(students.c.account_id)).scalars().all()
    assert claimed == [result.account.id]
