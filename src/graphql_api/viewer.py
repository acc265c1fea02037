"""Who is asking: the signed-in account and the roster records it is connected to."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from application.ports import Clock, UnitOfWorkFactory
from application.premium import teacher_has_premium
from domain.accounts import Account, Role
from graphql_api.dependencies import WebDependencies
from graphql_api.session import current_account_id, sign_out


@dataclass(frozen=True, slots=True)
class ViewerIdentity:
    """``teacher_id``/``student_id`` are set only once the account has claimed that roster
    record: a teacher sees their classes only after connecting Clever."""

    account_id: int
    name: str
    role: Role
    clever_linked: bool
    teacher_id: str | None = None
    student_id: str | None = None

    @property
    def is_teacher(self) -> bool:
        return self.role is Role.TEACHER


def load_viewer(uow_factory: UnitOfWorkFactory, account_id: int) -> ViewerIdentity | None:
    with uow_factory() as uow:
        account = uow.accounts.get(account_id)
        if account is None:
            return None
        teacher_id = student_id = None
        if account.clever_id is not None and account.role is Role.TEACHER:
            teacher = uow.rosters.get_teacher(account.clever_id)
            if teacher is not None and teacher.account_id == account.id:
                teacher_id = teacher.clever_id
        elif account.clever_id is not None:
            student = uow.rosters.get_student(account.clever_id)
            if student is not None and student.account_id == account.id:
                student_id = student.clever_id
    return _identity(account, teacher_id, student_id)


def _identity(account: Account, teacher_id: str | None, student_id: str | None) -> ViewerIdentity:
    assert account.id is not None
    return ViewerIdentity(
        account.id, account.name, account.role, account.clever_linked, teacher_id, student_id
    )


async def current_viewer(conn: HTTPConnection, deps: WebDependencies) -> ViewerIdentity | None:
    """The session's viewer; a session whose account is gone is cleared (anonymous)."""
    account_id = current_account_id(conn)
    if account_id is None:
        return None
    viewer = await run_in_threadpool(load_viewer, deps.uow, account_id)
    if viewer is None:
        sign_out(conn)
    return viewer


def viewer_has_premium(uow_factory: UnitOfWorkFactory, clock: Clock, teacher_id: str) -> bool:
    with uow_factory() as uow:
        teacher = uow.rosters.get_teacher(teacher_id)
        return teacher is not None and teacher_has_premium(uow, teacher, clock.today())
