"""Accounts in SQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from adapters.sqlalchemy.tables import accounts
from domain.accounts import Account, Role


class SqlAlchemyAccountRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, account: Account) -> Account:
        if account.email and self.by_email(account.email):
            raise ValueError("email taken")
        if account.clever_id and self.by_clever_id(account.clever_id):
            raise ValueError("clever id taken")
        values = {**_values(account), "created_at": datetime.now(UTC)}
        try:
            with self.conn.begin_nested():
                new_id = self.conn.execute(
                    insert(accounts).values(values).returning(accounts.c.id)
                ).scalar_one()
        except IntegrityError as exc:  # a concurrent sign-up won the race
            raise ValueError("email or clever id taken") from exc
        return Account(**{**_fields(account), "id": new_id})

    def update(self, account: Account) -> None:
        assert account.id is not None
        self.conn.execute(
            update(accounts).where(accounts.c.id == account.id).values(_values(account))
        )

    def get(self, account_id: int) -> Account | None:
        return self._one(accounts.c.id == account_id)

    def by_email(self, email: str) -> Account | None:
        return self._one(accounts.c.email == email)

    def by_clever_id(self, clever_id: str) -> Account | None:
        return self._one(accounts.c.clever_id == clever_id)

    def _one(self, condition: Any) -> Account | None:
        row = self.conn.execute(select(accounts).where(condition)).first()
        return _account(row) if row else None


def _fields(a: Account) -> dict[str, Any]:
    return {
        "id": a.id,
        "role": a.role,
        "name": a.name,
        "email": a.email,
        "password_hash": a.password_hash,
        "clever_id": a.clever_id,
        "district_id": a.district_id,
    }


def _values(a: Account) -> dict[str, Any]:
    values = _fields(a)
    del values["id"]
    values["role"] = a.role.value
    return values


def _account(row: Row[Any]) -> Account:
    m = row._mapping
    return Account(
        id=m["id"],
        role=Role(m["role"]),
        name=m["name"],
        email=m["email"],
        password_hash=m["password_hash"],
        clever_id=m["clever_id"],
        district_id=m["district_id"],
    )
