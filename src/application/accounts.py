"""Accounts: sign-up and password login, Clever SSO and linking Clever to an account."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from application.ports import CleverLogin, PasswordHasher, UnitOfWork, UnitOfWorkFactory
from domain.accounts import Account, Role
from domain.names import NAME_CHARACTERS, unfit_for_a_name
from domain.roster import Student, Teacher

MIN_PASSWORD = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class SignUpCommand:
    email: str
    password: str
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class AccountRefused:
    message: str


class SignUp:
    """Accounts without Clever: a unique email and a password that is hard to guess."""

    def __init__(self, uow: UnitOfWorkFactory, hasher: PasswordHasher) -> None:
        self.uow = uow
        self.hasher = hasher

    def __call__(self, command: SignUpCommand) -> Account | AccountRefused:
        email = command.email.strip().lower()
        name = " ".join(command.name.split())
        if unfit_for_a_name(name):
            return AccountRefused(f"A name cannot contain {NAME_CHARACTERS}.")
        if not _EMAIL.match(email) or len(email) > 254:
            return AccountRefused("Enter a valid email address.")
        if not name or len(name) > 255:
            return AccountRefused("Enter your name (at most 255 characters).")
        if len(command.password) < MIN_PASSWORD or command.password.lower() in email:
            return AccountRefused(f"Choose a password of at least {MIN_PASSWORD} characters.")
        with self.uow() as uow:
            if uow.accounts.by_email(email) is not None:
                return AccountRefused("An account with that email already exists.")
            account = uow.accounts.add(
                Account(None, command.role, name, email, self.hasher.hash(command.password))
            )
            uow.commit()
            return account


class PasswordLogin:
    """Email and password; the same answer for an unknown email and a wrong password."""

    def __init__(self, uow: UnitOfWorkFactory, hasher: PasswordHasher) -> None:
        self.uow = uow
        self.hasher = hasher

    def __call__(self, email: str, password: str) -> Account | None:
        with self.uow() as uow:
            account = uow.accounts.by_email(email.strip().lower())
        if account is None or account.password_hash is None:
            self.hasher.hash(password)  # same cost either way
            return None
        return account if self.hasher.verify(account.password_hash, password) else None


@dataclass(frozen=True, slots=True)
class LoginResult:
    account: Account
    created: bool
    rostered: bool


@dataclass(frozen=True, slots=True)
class LinkResult:
    account: Account | None = None
    conflict: str | None = None


class SSOLogin:
    """Find the account by Clever id, or create it; a student's first login claims their roster."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow

    def __call__(self, login: CleverLogin) -> LoginResult | AccountRefused:
        role = _role_of(login)
        if role is None:
            return AccountRefused("Only teachers and students can sign in to this product.")
        with self.uow() as uow:
            account = uow.accounts.by_clever_id(login.clever_id)
            created = account is None
            if account is None:
                try:
                    account = uow.accounts.add(
                        Account(
                            None, role, login.name, None, None, login.clever_id, login.district_id
                        )
                    )
                except ValueError:
                    # A first sign-in with this Clever id at the same moment (a double
                    # click, a second tab) created the account: sign in to it.
                    account = uow.accounts.by_clever_id(login.clever_id)
                    if account is None:
                        raise
                    created = False
            rostered = claim_roster_record(uow, account, login)
            uow.commit()
            return LoginResult(account, created, rostered)


class LinkAccount:
    """Link Clever to a signed-in account; a Clever id already in use elsewhere changes nothing."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow

    def __call__(self, account_id: int, login: CleverLogin) -> LinkResult:
        with self.uow() as uow:
            account = uow.accounts.get(account_id)
            if account is None:
                return LinkResult(conflict="Sign in again to connect Clever.")
            owner = uow.accounts.by_clever_id(login.clever_id)
            if owner is not None and owner.id != account.id:
                return LinkResult(
                    conflict="That Clever account is already connected to another account."
                )
            if account.clever_id not in (None, login.clever_id):
                return LinkResult(
                    conflict="This account is already connected to a different Clever account."
                )
            if _role_of(login) is not account.role:
                return LinkResult(
                    conflict=f"That Clever account is not a {account.role.value} account."
                )
            linked = account.linked_to(login.clever_id, login.district_id)
            uow.accounts.update(linked)
            claim_roster_record(uow, linked, login)
            uow.commit()
            return LinkResult(account=linked)


def _role_of(login: CleverLogin) -> Role | None:
    try:
        return Role(login.role)
    except ValueError:
        return None


def claim_roster_record(uow: UnitOfWork, account: Account, login: CleverLogin) -> bool:
    """Attach the account to its roster record (creating a bare one when not rostered yet)."""
    assert account.id is not None
    if account.role is Role.STUDENT:
        student = uow.rosters.get_student(login.clever_id)
        if student is None:
            # Recorded now, already claimed, so the teacher's later sync shows them joined.
            uow.rosters.save_student(
                Student(
                    login.clever_id,
                    login.district_id,
                    login.name,
                    login.email,
                    account_id=account.id,
                )
            )
            return False
        if student.account_id != account.id:
            uow.rosters.save_student(replace(student, account_id=account.id))
        return True
    teacher = uow.rosters.get_teacher(login.clever_id)
    if teacher is None:
        teacher = Teacher(
            login.clever_id, login.district_id, login.name, login.email, login.school_ids
        )
    elif not teacher.school_ids and login.school_ids:
        # Recorded before any sync knew their schools: a school licence must still reach them.
        teacher = replace(teacher, school_ids=login.school_ids)
    if teacher.account_id != account.id:
        uow.rosters.save_teacher(replace(teacher, account_id=account.id))
    return bool(uow.rosters.section_ids_of_teacher(login.clever_id))


__all__ = [
    "AccountRefused",
    "LinkAccount",
    "LinkResult",
    "LoginResult",
    "PasswordLogin",
    "SSOLogin",
    "SignUp",
    "SignUpCommand",
]
