"""The demographics audit log in SQL: one statement per answer, however many students."""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Connection, Engine, Insert, bindparam, insert, select

from adapters.sqlalchemy.json_rows import id_list, ids_param, unpacked
from adapters.sqlalchemy.tables import demographics_audit


class SqlAlchemyDemographicsAuditLog:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record_demographics_access(
        self, viewer_account_id: int, student_ids: Collection[str], at: datetime
    ) -> None:
        if not student_ids:
            return
        with self.engine.begin() as conn:
            record_access(conn, viewer_account_id, student_ids, at)


def record_access(
    conn: Connection, viewer_account_id: int, student_ids: Collection[str], at: datetime
) -> None:
    """The demographics audit of one answer: one row per student, one statement."""
    params = {"viewer": viewer_account_id, "ids": id_list(conn, student_ids), "at": at}
    conn.execute(_record_access(conn.dialect.name), params)


@functools.cache
def _record_access(dialect: str) -> Insert:
    """Built once per dialect; the student ids are one parameter."""
    viewer = bindparam("viewer", type_=demographics_audit.c.viewer_account_id.type)
    at = bindparam("at", type_=demographics_audit.c.at.type)
    ids = unpacked(ids_param("ids", demographics_audit.c.student_id, dialect), dialect)
    columns = ["viewer_account_id", "student_id", "at"]
    return insert(demographics_audit).from_select(columns, select(viewer, ids, at))
