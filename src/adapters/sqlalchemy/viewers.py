"""Who an account is to the roster, as SQL reads it: the account, the claimants of the roster
records with its Clever id, and the roster version, in one statement (one snapshot). The rule
that turns them into a viewer is domain.viewer's; the session store reads the same columns
beside the session's own row, so a request's session and viewer cost one statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Join,
    Row,
    Select,
    bindparam,
    select,
)

from adapters.sqlalchemy.engine import one_statement
from adapters.sqlalchemy.tables import accounts, roster_version, students, teachers
from adapters.sqlalchemy.versions import ROW_ID
from application.ports import VersionedViewer
from domain.accounts import Role
from domain.viewer import viewer_of


def viewer_columns() -> list[ColumnElement[Any]]:
    version = select(roster_version.c.version).where(roster_version.c.id == ROW_ID)
    return [
        accounts.c.id.label("viewer_account_id"),
        accounts.c.role.label("viewer_role"),
        accounts.c.name.label("viewer_name"),
        accounts.c.clever_id.label("viewer_clever_id"),
        teachers.c.account_id.label("teacher_claimed_by"),
        students.c.account_id.label("student_claimed_by"),
        version.scalar_subquery().label("roster_version"),
    ]


def with_records(source: FromClause) -> Join:
    """``source`` (accounts, or something joined to them) with the roster records of each
    account's Clever id, claimed or not."""
    return source.outerjoin(teachers, teachers.c.clever_id == accounts.c.clever_id).outerjoin(
        students, students.c.clever_id == accounts.c.clever_id
    )


def versioned_viewer_from(row: Row[Any]) -> VersionedViewer | None:
    """None when the account is gone."""
    if row.viewer_account_id is None:
        return None
    viewer = viewer_of(
        row.viewer_account_id,
        Role(row.viewer_role),
        row.viewer_name,
        row.viewer_clever_id,
        row.teacher_claimed_by,
        row.student_claimed_by,
    )
    return VersionedViewer(int(row.roster_version or 0), viewer)


def _viewer_by_account() -> Select[Any]:
    """Built once: constructing a statement costs more than SQLite takes to run this one."""
    return (
        select(*viewer_columns())
        .select_from(with_records(accounts))
        .where(accounts.c.id == bindparam("account_id"))
    )


VIEWER_BY_ACCOUNT = _viewer_by_account()


def read_versioned_viewer(conn: Connection, account_id: int) -> VersionedViewer | None:
    row = one_statement(conn).execute(VIEWER_BY_ACCOUNT, {"account_id": account_id}).first()
    return versioned_viewer_from(row) if row is not None else None
