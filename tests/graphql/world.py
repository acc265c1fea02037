"""The web app over an in-memory service, and a Clever district the tests change at will."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property
from itertools import count
from typing import Any
from urllib.parse import urlencode

from argon2 import PasswordHasher
from starlette.applications import Starlette
from starlette.testclient import TestClient

import bootstrap
from adapters.memory.audit_log import FakeDemographicsAuditLog
from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.runtime import FakeClock
from adapters.memory.sessions import FakeSessionStore
from adapters.memory.store import MemoryStore
from adapters.memory.tokens import FakeOAuthStateStore
from adapters.passwords import Argon2PasswordHasher
from adapters.settings import Settings
from application.accounts import (
    LinkAccount,
    PasswordLogin,
    SignUp,
    SignUpCommand,
    SSOLogin,
)
from application.demographics_audit import DemographicsAudit
from application.ports import (
    CleverLogin,
    CleverTokens,
    DemographicsAuditLog,
    RosterReader,
    SignInCapabilities,
    UnitOfWorkFactory,
)
from application.premium_grants import GrantPremiumCommand
from application.results import SyncStarted
from application.sessions import SessionLifetime
from application.sync_teacher import SyncTeacherCommand
from domain.accounts import Account, Role
from domain.licensing import LicenseScope
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncRun
from graphql_api.app import create_app
from graphql_api.dependencies import WebConfig, WebDependencies
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory

PUBLIC_URL = "http://rostersync.test"
PASSWORD = "correct horse battery staple"
OTHER_DISTRICT = "d0000000000000000000000b"
LIFETIME = SessionLifetime(idle=timedelta(minutes=30), absolute=timedelta(hours=12))
_unlinked = count(1)
FAST_HASHER = Argon2PasswordHasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


class CountingReader:
    """The real reader, counting calls per method (each would be one SQL statement or so)."""

    def __init__(self, inner: RosterReader) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return method(*args, **kwargs)

        return counted


class StubCleverIdentity:
    """Clever's authorize page at a fixed address; these tests never come back with a code."""

    async def capabilities(self) -> SignInCapabilities:
        return SignInCapabilities(openid=False, pkce=False)

    async def authorization_url(
        self, *, state: str, nonce: str, code_verifier: str, district_id: str | None
    ) -> str:
        return f"http://clever.invalid/oauth/authorize?{urlencode({'state': state})}"

    async def exchange(self, code: str, *, nonce: str, code_verifier: str) -> CleverTokens:
        raise AssertionError("these tests never exchange Clever codes")

    def identify(self, access_token: str) -> CleverLogin:
        raise AssertionError("these tests never exchange Clever tokens")


def web_config(production: bool = False, public_url: str = PUBLIC_URL) -> WebConfig:
    return WebConfig(
        production=production,
        secret_key="graphql-tests-secret",
        public_url=public_url,
        clever_client_id="client",
        clever_client_secret="secret",
    )


@dataclass
class GraphWorld:
    clever: FakeCleverDirectory
    clock: FakeClock
    services: bootstrap.Services
    reader: CountingReader
    deps: WebDependencies
    readiness: dict[str, Callable[[], None]] = field(default_factory=dict)
    session_clock: FakeClock = field(default_factory=FakeClock)

    @classmethod
    def build(
        cls,
        production: bool = False,
        public_url: str = PUBLIC_URL,
        storage: tuple[UnitOfWorkFactory, RosterReader, DemographicsAuditLog] | None = None,
        sessions: Callable[[FakeClock], Any] | None = None,
    ) -> GraphWorld:
        """In memory, unless ``storage`` gives another unit of work, reader and audit log."""
        clever = FakeCleverDirectory()
        clock = FakeClock()
        base = bootstrap.in_memory(Settings(), directory=clever)
        memory_log = FakeDemographicsAuditLog(base.uow.store)  # type: ignore[attr-defined]
        uow, roster_reader, audit_log = storage or (base.uow, base.reader, memory_log)
        services = bootstrap.wire(
            Settings(),
            uow=uow,
            reader=roster_reader,
            directory=clever,
            clock=clock,
            lock=base.lock,
        )
        reader = CountingReader(services.reader)
        readiness: dict[str, Callable[[], None]] = {}
        # Sessions keep time by a clock of their own: tests that move the service's clock
        # by hours do not end their sessions unless they mean to (``session_clock``).
        session_clock = FakeClock()
        store = sessions(session_clock) if sessions else FakeSessionStore(session_clock, LIFETIME)
        if isinstance(store, FakeSessionStore):  # carries the viewer, as the SQL store does
            store.viewers = lambda account_id: reader.roster_version_and_viewer(account_id)
        deps = WebDependencies(
            config=web_config(production, public_url),
            uow=services.uow,
            reader=reader,  # type: ignore[arg-type]
            request_sync=services.request_sync,
            preview_sync=services.preview_sync,
            approve_held_sync=services.approve_held_sync,
            rename_class=services.rename_class,
            keep_class_after_term=services.keep_class_after_term,
            decide_roster=services.decide_roster,
            sign_up=SignUp(services.uow, FAST_HASHER),
            password_login=PasswordLogin(services.uow, FAST_HASHER),
            sso_login=SSOLogin(services.uow),
            link_account=LinkAccount(services.uow),
            oauth_states=FakeOAuthStateStore(),
            clever_identity=StubCleverIdentity(),
            explain_student=services.explain_student,
            readiness_checks=readiness,
            clock=clock,
            sessions=store,
            revoker=store,
            audit=DemographicsAudit(audit_log, timedelta(seconds=60)),
        )
        return cls(clever, clock, services, reader, deps, readiness, session_clock)

    @property
    def store(self) -> MemoryStore:
        return self.services.uow().store  # type: ignore[attr-defined,no-any-return]

    @cached_property
    def app(self) -> Starlette:
        """One app per world (building the schema is the slow part)."""
        return create_app(self.deps)

    def client(self, app: Starlette | None = None) -> TestClient:
        return TestClient(app or self.app, base_url=PUBLIC_URL, follow_redirects=False)

    # Clever's side -------------------------------------------------------------------------

    def teacher(self, **kw: object) -> CleverPerson:
        person: CleverPerson = TeacherFactory(**kw)
        self.clever.add_person(person)
        return person

    def students(self, count: int, **kw: object) -> list[CleverPerson]:
        people: list[CleverPerson] = [StudentFactory(**kw) for _ in range(count)]
        for person in people:
            self.clever.add_person(person)
        return people

    def section(
        self, teachers: list[CleverPerson], students: list[CleverPerson], **kw: object
    ) -> CleverSection:
        fields: dict[str, object] = {
            "teacher_id": teachers[0].id,
            "teacher_ids": tuple(t.id for t in teachers),
            "student_ids": tuple(s.id for s in students),
            "district_id": teachers[0].district_id,
        }
        section: CleverSection = SectionFactory(**{**fields, **kw})
        self.clever.add_section(section)
        return section

    def change_section(self, section_id: str, **kw: object) -> None:
        self.clever.sections[section_id] = replace(self.clever.sections[section_id], **kw)

    def grant_district(self, district_id: str = DISTRICT) -> None:
        self.services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district_id))

    def sync(self, teacher: CleverPerson) -> SyncRun:
        result = self.services.sync_teacher(SyncTeacherCommand(teacher.id))
        assert isinstance(result, SyncStarted), result
        return result.run

    # Accounts --------------------------------------------------------------------------------

    def account(self, person: CleverPerson | None = None, *, role: Role = Role.TEACHER) -> Account:
        """A password account; linked to Clever when ``person`` is given."""
        name = person.name if person else "Unlinked Teacher"
        email = f"{person.id if person else f'unlinked{next(_unlinked)}'}@example.org"
        kind = Role(person.role) if person else role
        account = self.deps.sign_up(SignUpCommand(email, PASSWORD, name, kind))
        assert isinstance(account, Account), account
        if person is not None:
            self.link(account, person)
        return account

    def link(self, account: Account, person: CleverPerson) -> None:
        assert account.id is not None
        login = CleverLogin(person.id, person.district_id, person.role, person.name, person.email)
        result = self.deps.link_account(account.id, login)
        assert result.account is not None, result.conflict

    def signed_in(self, account: Account, app: Starlette | None = None) -> TestClient:
        client = self.client(app)
        response = client.post(
            "/auth/login", data={"email": account.email or "", "password": PASSWORD}
        )
        assert response.status_code == 303, response.text
        return client


def gql(client: TestClient, query: str, **variables: object) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def data(client: TestClient, query: str, **variables: object) -> dict[str, Any]:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code", "") for e in body.get("errors", [])]
