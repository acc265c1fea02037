"""Who is asking: the session's account and the roster records it has claimed (the rule is
domain.viewer's), with the roster version, read with the session itself on every request."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from application.ports import Clock, UnitOfWorkFactory, VersionedViewer
from application.premium import teacher_has_premium
from application.sessions import SIGNED_IN_KEY, signed_in_from
from domain.viewer import Viewer
from graphql_api.dependencies import WebDependencies
from graphql_api.session import current_account_id, sign_out

_NOT_READ = object()


async def signed_in(conn: HTTPConnection, deps: WebDependencies) -> VersionedViewer | None:
    """The session's viewer and the roster version; a session whose account is gone ends.
    The store read them with the session; a session begun by this very request has them
    read now."""
    account_id = current_account_id(conn)
    if account_id is None:
        return None
    carried: Any = conn.session.get(SIGNED_IN_KEY, _NOT_READ)
    if carried is None:
        current = None
    elif carried is not _NOT_READ and carried["account_id"] == account_id:
        current = signed_in_from(carried)
    else:
        current = await run_in_threadpool(deps.reader.roster_version_and_viewer, account_id)
    if current is None:
        sign_out(conn)
    return current


async def current_viewer(conn: HTTPConnection, deps: WebDependencies) -> Viewer | None:
    current = await signed_in(conn, deps)
    return current.viewer if current is not None else None


def viewer_has_premium(uow_factory: UnitOfWorkFactory, clock: Clock, teacher_id: str) -> bool:
    with uow_factory() as uow:
        teacher = uow.rosters.get_teacher(teacher_id)
        return teacher is not None and teacher_has_premium(uow, teacher, clock.today())
