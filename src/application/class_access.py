"""Who may change a class: a connected teacher of it (owner or co-teacher)."""

from __future__ import annotations

from application.ports import UnitOfWork
from domain.accounts import Role
from domain.roster import Class


def teacher_of_class(uow: UnitOfWork, account_id: int, section_id: str) -> str | None:
    """The account's Clever id when it is a connected teacher of the section's class, else None."""
    account = uow.accounts.get(account_id)
    if account is None or account.role is not Role.TEACHER or account.clever_id is None:
        return None
    if section_id not in uow.rosters.section_ids_of_teacher(account.clever_id):
        return None
    return account.clever_id


def class_taught_by(uow: UnitOfWork, account_id: int, section_id: str) -> Class | None:
    """The class, when the account is a connected teacher of it; else None."""
    if teacher_of_class(uow, account_id, section_id) is None:
        return None
    return uow.rosters.get_class(section_id)
