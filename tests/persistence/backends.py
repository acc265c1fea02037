"""The storage implementations the contract suite runs against, behind one small facade."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cryptography.fernet import Fernet
from sqlalchemy import Engine, select

from adapters.memory.audit_log import FakeDemographicsAuditLog
from adapters.memory.reader import FakeRosterReader
from adapters.memory.tokens import FakeCleverTokenStore, FakeOAuthStateStore
from adapters.memory.unit_of_work import FakeUnitOfWorkFactory
from adapters.sqlalchemy.audit_log import SqlAlchemyDemographicsAuditLog
from adapters.sqlalchemy.oauth_states import SqlAlchemyOAuthStateStore
from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.tables import demographics_audit
from adapters.sqlalchemy.tokens import SqlAlchemyCleverTokenStore
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.ports import (
    CleverTokenStore,
    DemographicsAuditLog,
    OAuthStateStore,
    RosterReader,
    UnitOfWorkFactory,
)

AuditEntries = Callable[[], list[tuple[int, str, datetime]]]


@dataclass
class Backend:
    name: str
    uow: UnitOfWorkFactory
    reader: RosterReader
    states: OAuthStateStore
    tokens: CleverTokenStore
    audit_entries: AuditEntries
    audit_log: DemographicsAuditLog
    engine: Engine | None = None


def memory_backend() -> Backend:
    factory = FakeUnitOfWorkFactory()
    return Backend(
        "memory",
        factory,
        FakeRosterReader(factory.store),
        FakeOAuthStateStore(),
        FakeCleverTokenStore(),
        lambda: list(factory.store.demographics_audit),
        FakeDemographicsAuditLog(factory.store),
    )


def sql_backend(name: str, engine: Engine, token_key: str | None = None) -> Backend:
    def audit_entries() -> list[tuple[int, str, datetime]]:
        with engine.connect() as conn:
            rows = conn.execute(select(demographics_audit).order_by(demographics_audit.c.id))
            return [(r.viewer_account_id, r.student_id, r.at) for r in rows]

    return Backend(
        name,
        SqlAlchemyUnitOfWorkFactory(engine),
        SqlAlchemyRosterReader(engine),
        SqlAlchemyOAuthStateStore(engine),
        SqlAlchemyCleverTokenStore(engine, token_key or Fernet.generate_key().decode()),
        audit_entries,
        SqlAlchemyDemographicsAuditLog(engine),
        engine,
    )
