"""The product as `bootstrap.build` wires it, on a Clever sandbox over HTTP, seen the way a
teacher sees it: show-roster views of every rostering teacher."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import select

import bootstrap
from adapters.cli.output import roster_json
from adapters.settings import Settings
from adapters.sqlalchemy.sync_cursors import SqlAlchemySyncCursorStore
from adapters.sqlalchemy.tables import roster_version
from adapters.sqlalchemy.versions import ROW_ID
from application.clever_events import SyncCursor
from application.premium_grants import GrantPremiumCommand
from application.results import SyncStarted
from application.sync_district import DistrictSyncResult, SyncDistrictCommand
from application.sync_teacher import SyncTeacherCommand
from clever_sandbox.server import RunningSandbox
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from domain.roster import Teacher
from domain.sync_run import SyncStatus, SyncTrigger

TOKEN_KEY = Fernet.generate_key().decode()
Rosters = dict[str, dict[str, Any]]


def settings_for(database_url: str, clever_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "clever_api_url": clever_url,
        "clever_oauth_url": clever_url,
        "clever_client_id": "sandbox-client-id",
        "clever_client_secret": "sandbox-client-secret",
        "celery_broker_url": None,
        "secret_key": "events-tests-session-secret",
        "token_key": TOKEN_KEY,
        "env": "test",
        **overrides,
    }
    return Settings(**values)


def mark_rostering(services: bootstrap.Services, sandbox: Sandbox, teacher_ids: list[str]) -> None:
    """As if each teacher had synced once already, without a manual sync per teacher."""
    wanted = set(teacher_ids)
    with services.uow() as uow:
        for record in sandbox.teachers():
            if record["id"] in wanted:
                name = f"{record['name']['first']} {record['name']['last']}"
                uow.rosters.save_teacher(
                    Teacher(record["id"], sandbox.districts[0], name, rostering_started=True)
                )
        uow.commit()


def section_owners(sandbox: Sandbox) -> list[str]:
    """Teachers who own a section, in a stable order."""
    return sorted({s["teacher"] for s in sandbox.sections() if isinstance(s.get("teacher"), str)})


@dataclass
class EventsWorld:
    clever: RunningSandbox
    services: bootstrap.Services
    rostering: list[str]

    @property
    def sandbox(self) -> Sandbox:
        return self.clever.sandbox

    @property
    def district_id(self) -> str:
        return self.sandbox.districts[0]

    @property
    def cursors(self) -> SqlAlchemySyncCursorStore:
        return SqlAlchemySyncCursorStore(self.services.extras["engine"])

    def start_rostering(self) -> None:
        """District Premium, then each rostering teacher's first (manual) sync."""
        self.services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, self.district_id))
        for teacher_id in self.rostering:
            result = self.services.sync_teacher(SyncTeacherCommand(teacher_id))
            assert isinstance(result, SyncStarted), result
            assert result.run.status is SyncStatus.SUCCEEDED, result.run

    def sync(self) -> DistrictSyncResult:
        result = self.services.sync_district(SyncDistrictCommand(self.district_id))
        assert result.error is None, result.error
        return result

    def full_resync(self) -> DistrictSyncResult:
        self.cursors.forget(self.district_id)
        result = self.sync()
        assert {run.trigger for run in result.runs} <= {SyncTrigger.SCHEDULED}
        return result

    def cursor(self) -> SyncCursor:
        cursor = self.cursors.get(self.district_id)
        assert cursor is not None, "no event cursor saved"
        return cursor

    def age_cursor(self, *, full_sync_days: float = 0, saved_days: float = 0) -> None:
        cursor = self.cursor()
        self.cursors.save(
            SyncCursor(
                cursor.district_id,
                cursor.event_id,
                cursor.full_sync_at - timedelta(days=full_sync_days),
                cursor.saved_at - timedelta(days=saved_days),
            )
        )

    def rosters(self) -> Rosters:
        """show-roster --json of every rostering teacher."""
        views: Rosters = {}
        with self.services.uow() as uow:
            teachers = [uow.rosters.get_teacher(t) for t in self.rostering]
        for teacher in teachers:
            assert teacher is not None
            views[teacher.clever_id] = roster_json(self.services.reader, teacher)
        return views

    def roster_version(self) -> int:
        """Moves with every roster write (see adapters.sqlalchemy.versions)."""
        with self.services.extras["engine"].connect() as conn:
            version = select(roster_version.c.version).where(roster_version.c.id == ROW_ID)
            return int(conn.execute(version).scalar_one_or_none() or 0)

    def history(self) -> dict[str, list[tuple[str, str, str]]]:
        with self.services.uow() as uow:
            section_ids = {
                sid for t in self.rostering for sid in uow.rosters.section_ids_of_teacher(t)
            }
        found = self.services.reader.history_for_classes(section_ids)
        return {
            sid: [(e.student_id, e.action, e.at.isoformat()) for e in events]
            for sid, events in sorted(found.items())
        }

    def data_requests(self) -> int:
        counts = self.sandbox.requests.by_endpoint
        return sum(n for endpoint, n in counts.items() if endpoint.startswith("GET /v3"))

    def close(self) -> None:
        self.services.extras["engine"].dispose()


def class_in(rosters: Rosters, section_id: str) -> dict[str, Any]:
    """The class as any rostering teacher sees it."""
    for view in rosters.values():
        for klass in view["classes"]:
            if klass["clever_section_id"] == section_id:
                return dict(klass)
    raise AssertionError(f"no rostering teacher has class {section_id}")


def student_ids_in(rosters: Rosters, section_id: str) -> set[str]:
    return {s["clever_id"] for s in class_in(rosters, section_id)["students"]}


def student_in(rosters: Rosters, student_id: str) -> dict[str, Any]:
    for view in rosters.values():
        for klass in view["classes"]:
            for student in klass["students"]:
                if student["clever_id"] == student_id:
                    return dict(student)
    raise AssertionError(f"student {student_id} is in no rostering teacher's class")


def section_ids_of(rosters: Rosters, teacher_id: str) -> set[str]:
    return {c["clever_section_id"] for c in rosters[teacher_id]["classes"]}
