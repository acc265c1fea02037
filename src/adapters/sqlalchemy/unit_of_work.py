"""The SQL unit of work: one connection and transaction, rolled back unless committed."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Connection, Engine

from adapters.sqlalchemy.accounts import SqlAlchemyAccountRepository
from adapters.sqlalchemy.licenses import SqlAlchemyLicenseRepository
from adapters.sqlalchemy.retention import SqlAlchemyRetentionRepository
from adapters.sqlalchemy.rosters import RosterChangeFlag, SqlAlchemyRosterRepository
from adapters.sqlalchemy.student_records import SqlAlchemyStudentRecordRepository
from adapters.sqlalchemy.sync_runs import SqlAlchemySyncRunRepository
from adapters.sqlalchemy.versions import bump_roster_version


class SqlAlchemyUnitOfWork:
    accounts: SqlAlchemyAccountRepository
    rosters: SqlAlchemyRosterRepository
    licenses: SqlAlchemyLicenseRepository
    sync_runs: SqlAlchemySyncRunRepository
    retention: SqlAlchemyRetentionRepository
    student_records: SqlAlchemyStudentRecordRepository

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._roster = RosterChangeFlag()

    def __enter__(self) -> Self:
        conn = self._conn = self.engine.connect()
        self._roster = RosterChangeFlag()
        self.accounts = SqlAlchemyAccountRepository(conn)
        self.rosters = SqlAlchemyRosterRepository(conn, self._roster)
        self.licenses = SqlAlchemyLicenseRepository(conn)
        self.sync_runs = SqlAlchemySyncRunRepository(conn)
        self.retention = SqlAlchemyRetentionRepository(conn, self._roster)
        self.student_records = SqlAlchemyStudentRecordRepository(conn)
        return self

    def __exit__(self, *_: object) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.rollback()
            finally:
                conn.close()

    def commit(self) -> None:
        conn = self._connection()
        if self._roster.changed:
            bump_roster_version(conn)
            self._roster.changed = False
        conn.commit()

    def rollback(self) -> None:
        self._roster.changed = False
        self._connection().rollback()

    def _connection(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("use the unit of work in a with block")
        return self._conn


class SqlAlchemyUnitOfWorkFactory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.engine)
