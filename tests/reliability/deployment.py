"""The product as `bootstrap.build` wires it (SQLAlchemy, the httpx Clever client, eager Celery),
pointed at the Clever sandbox over real HTTP, with a retry policy that never really sleeps."""

from __future__ import annotations

import secrets
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import Engine, select

import bootstrap
from adapters.clever import RetryPolicy
from adapters.settings import Settings
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    enrollments,
    roster_history,
    students,
    teachers,
)
from application.results import SyncStarted
from application.sync_district import DistrictSyncResult, SyncDistrictCommand
from application.sync_teacher import SyncTeacherCommand
from clever_sandbox.server import RunningSandbox
from domain.sync_run import SyncRun, SyncTrigger
from tests.reliability.databases import empty_every_table

SECRET_KEY = secrets.token_urlsafe(48)  # production refuses a guessable one
TOKEN_KEY = Fernet.generate_key().decode()


class NoSleep(list[float]):
    """Records the waits the retry policy asked for instead of sleeping; its clock runs
    ahead of the real one by every recorded wait, as if they had been slept."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)

    def clock(self) -> float:
        return time.time() + sum(self)


def patient_policy(sleeps: NoSleep) -> RetryPolicy:
    """Ten attempts, so a 503 burst followed by random 429s is still ridden out."""
    return RetryPolicy(
        attempts=10, backoff_base=0.01, backoff_max=0.05, sleep=sleeps, clock=sleeps.clock
    )


def settings_for(database_url: str, clever_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "clever_api_url": clever_url,
        "clever_oauth_url": clever_url,
        "clever_client_id": "sandbox-client-id",
        "clever_client_secret": "sandbox-client-secret",
        "celery_broker_url": None,
        "secret_key": SECRET_KEY,
        "token_key": TOKEN_KEY,
        "env": "test",
        "hold_threshold": 0.5,
        **overrides,
    }
    return Settings(**values)


@dataclass
class Deployment:
    services: bootstrap.Services
    clever: RunningSandbox
    sleeps: NoSleep

    @classmethod
    def build(cls, database_url: str, clever: RunningSandbox, **overrides: Any) -> Deployment:
        services = bootstrap.build(settings_for(database_url, clever.url, **overrides))
        sleeps = NoSleep()
        services.directory.http.retry = patient_policy(sleeps)  # type: ignore[attr-defined]
        services.extras["clever_oauth"].http.retry = patient_policy(sleeps)
        deployment = cls(services, clever, sleeps)
        deployment.grant_premium()
        return deployment

    def grant_premium(self) -> None:
        for district_id in self.clever.sandbox.districts:
            bootstrap.ensure_district_premium(self.services, district_id)

    def reset(self) -> None:
        """An empty database again, with the district's Premium licence."""
        empty_every_table(self.services.settings.database_url)
        self.grant_premium()

    @property
    def engine(self) -> Engine:
        engine: Engine = self.services.extras["engine"]
        return engine

    def page_size(self, size: int) -> None:
        """Smaller pages, so every list is paged through several requests."""
        self.services.directory.api.page_size = size  # type: ignore[attr-defined]

    def sync(self, teacher_id: str) -> SyncRun:
        result = self.services.sync_teacher(SyncTeacherCommand(teacher_id, SyncTrigger.MANUAL))
        assert isinstance(result, SyncStarted), result
        return result.run

    def sync_district(self, district_id: str) -> DistrictSyncResult:
        return self.services.sync_district(SyncDistrictCommand(district_id))

    def roster(self) -> Roster:
        return Roster.read(self.engine)

    def close(self) -> None:
        self.services.directory.close()  # type: ignore[attr-defined]
        self.engine.dispose()


@dataclass(frozen=True)
class Roster:
    """What the database says about classes and people, without ids or timestamps of our own."""

    classes: dict[str, tuple[Any, ...]]
    teachers_of: frozenset[tuple[str, str]]
    enrollments: dict[tuple[str, str], bool]
    students: dict[str, tuple[Any, ...]]
    teachers: dict[str, tuple[Any, ...]]
    history: Counter[tuple[str, str, str]]

    @classmethod
    def read(cls, engine: Engine) -> Roster:
        with engine.connect() as conn:

            def rows(table: Any, *skip: str) -> list[Any]:
                columns = [c for c in table.columns if c.name not in skip]
                return list(conn.execute(select(*columns)))

            return cls(
                classes={
                    r[0]: tuple(r[1:]) for r in rows(classes, "last_synced_at", "archived_at")
                },
                teachers_of=frozenset((r[0], r[1]) for r in rows(class_teachers)),
                enrollments={(r[0], r[1]): r[2] for r in rows(enrollments, *_ENROLL_TIMES)},
                students={r[0]: tuple(r[1:]) for r in rows(students, "account_id")},
                teachers={
                    r[0]: tuple(r[1:]) for r in rows(teachers, "account_id", "rostering_started")
                },
                history=Counter(
                    (r.section_id, r.student_id, r.action)
                    for r in conn.execute(
                        select(
                            roster_history.c.section_id,
                            roster_history.c.student_id,
                            roster_history.c.action,
                        )
                    )
                ),
            )

    def active_students(self, section_id: str) -> set[str]:
        return {s for (sid, s), active in self.enrollments.items() if sid == section_id and active}

    def archived(self, section_id: str) -> bool:
        return bool(self.classes[section_id][-1])


_ENROLL_TIMES = ("enrolled_at", "dropped_at")
