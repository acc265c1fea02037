"""A Clever sandbox on loopback and the real product on SQLite: the explanation scenarios."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import bootstrap
from adapters.settings import Settings
from application.accounts import LoginResult
from application.explanations import ExplainStudentCommand, Explanation
from application.ports import CleverLogin
from application.premium_grants import GrantPremiumCommand
from application.results import SyncStarted
from application.roster_decisions import DecisionMade
from application.sync_teacher import SyncTeacherCommand
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from domain.sync_run import SyncRun, SyncTrigger


@dataclass
class School:
    """One teacher's classes, synced from the sandbox once; tests change Clever and sync again."""

    clever: RunningSandbox
    services: bootstrap.Services
    teacher: str
    section: dict

    @property
    def sandbox(self) -> Sandbox:
        return self.clever.sandbox

    def sync(self) -> SyncRun:
        result = self.services.sync_teacher(SyncTeacherCommand(self.teacher, SyncTrigger.MANUAL))
        assert isinstance(result, SyncStarted), result
        return result.run

    def explain(self, search: str, teacher: str | None = None) -> list[Explanation]:
        command = ExplainStudentCommand(self.section["id"], search, teacher or self.teacher)
        answer = self.services.explain_student(command)
        assert isinstance(answer, list), answer
        return answer

    def clever_requests(self, search: str) -> dict[str, int]:
        """The Data API requests one explanation makes, by endpoint."""
        log = self.sandbox.requests
        log.reset()
        self.explain(search)
        return {k: n for k, n in log.by_endpoint.items() if k.startswith("GET /v3")}

    def teacher_account(self) -> int:
        """The teacher signs in with Clever (a decision needs a connected teacher)."""
        login = CleverLogin(self.teacher, self.sandbox.districts[0], "teacher", "The Teacher")
        result = self.services.sso_login(login)
        assert isinstance(result, LoginResult) and result.account.id is not None
        return result.account.id

    def decide(self, command: object) -> None:
        outcome = self.services.decide_roster(command)  # type: ignore[arg-type]
        assert isinstance(outcome, DecisionMade), outcome

    def kinds(self, search: str) -> list[str]:
        return [a.kind.name for a in self.explain(search)]

    def student(self, index: int = 0) -> dict:
        found = self.sandbox.find_user(self.section["students"][index])
        assert found is not None
        return found[2]

    def name_of(self, user: dict) -> str:
        name = user["name"]
        return " ".join(p for p in (name.get("first"), name.get("middle"), name.get("last")) if p)

    def other_section(self) -> dict:
        """A section of the same school this teacher does not teach."""
        return next(
            s
            for s in self.sandbox.sections()
            if self.teacher not in s["teachers"]
            and s["school"] == self.section["school"]
            and not set(s["students"]) & set(self.section["students"])
        )


@pytest.fixture
def clever() -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=11, students=240)) as running:
        yield running


@pytest.fixture
def school(clever: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> School:
    monkeypatch.chdir(tmp_path)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'explain.db'}",
        clever_api_url=clever.url,
        clever_oauth_url=clever.url,
        clever_client_id="sandbox-client-id",
        clever_client_secret="sandbox-client-secret",
        celery_broker_url=None,
    )
    bootstrap.migrate(settings)
    services = bootstrap.build(settings)
    sandbox = clever.sandbox
    district = sandbox.districts[0]
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district))
    teacher = sandbox.sample_teacher()["id"]
    section = next(
        s for s in sandbox.sections() if s["teacher"] == teacher and len(s["students"]) >= 4
    )
    school = School(clever, services, teacher, section)
    school.sync()
    return school
