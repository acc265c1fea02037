"""Who is asking: the session's account and the roster records it is connected to, read with
the roster version in one statement on every request."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from application.ports import Clock, UnitOfWorkFactory, VersionedViewer, ViewerView
from application.premium import teacher_has_premium
from domain.accounts import Role
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

    @classmethod
    def from_view(cls, view: ViewerView) -> ViewerIdentity:
        linked = view.clever_id is not None
        return cls(view.account_id, view.name, view.role, linked, view.teacher_id, view.student_id)


async def signed_in(conn: HTTPConnection, deps: WebDependencies) -> VersionedViewer | None:
    """The session's viewer and the roster version; a session whose account is gone ends."""
    account_id = current_account_id(conn)
    if account_id is None:
        return None
    current = await run_in_threadpool(deps.reader.roster_version_and_viewer, account_id)
    if current is None:
        sign_out(conn)
    return current


async def current_viewer(conn: HTTPConnection, deps: WebDependencies) -> ViewerIdentity | None:
    current = await signed_in(conn, deps)
    return ViewerIdentity.from_view(current.viewer) if current is not None else None


def viewer_has_premium(uow_factory: UnitOfWorkFactory, clock: Clock, teacher_id: str) -> bool:
    with uow_factory() as uow:
        teacher = uow.rosters.get_teacher(teacher_id)
        return teacher is not None and teacher_has_premium(uow, teacher, clock.today())
