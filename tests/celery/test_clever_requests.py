"""The district job pulls a district once, however many of its teachers it serves."""

from __future__ import annotations

import pytest

from adapters.celery.names import SYNC_DISTRICT_TASK
from adapters.sqlalchemy.migrate import migrate
from application.sync_teacher import SyncTeacherCommand
from clever_sandbox.server import RunningSandbox
from tests.celery.sandbox_world import grant_district, primary_teachers, service_settings
from tests.celery.wiring import close, production_services
from tests.persistence.databases import fresh_postgres_database

pytestmark = pytest.mark.postgres


def district_job_requests(
    database_url: str, sandbox: RunningSandbox, teacher_ids: list[str]
) -> tuple[int, dict[str, int]]:
    """Runs served and Clever requests made by a district's first job, with these teachers
    having synced once before."""
    settings = service_settings(database_url, None, sandbox.url, sandbox.sandbox)
    services = production_services(settings)  # no broker: the task runs in process
    try:
        district_id = grant_district(services, sandbox.sandbox)
        for teacher_id in teacher_ids:
            services.sync_teacher(SyncTeacherCommand(teacher_id))
        sandbox.sandbox.requests.reset()
        job = services.extras["celery_app"].tasks[SYNC_DISTRICT_TASK]
        summary = job.apply((district_id,)).get()
        return summary["runs"], sandbox.sandbox.requests.by_endpoint
    finally:
        close(services)


def test_clever_requests_of_a_district_job_do_not_grow_with_its_teachers(
    database_url: str, sandbox: RunningSandbox
) -> None:
    teachers = primary_teachers(sandbox.sandbox, 10)
    few = district_job_requests(database_url, sandbox, teachers[:2])
    with fresh_postgres_database() as other_database:
        migrate(other_database)
        many = district_job_requests(other_database, sandbox, teachers)

    assert (few[0], many[0]) == (2, 10)
    assert few[1] == many[1]
    assert sum(few[1].values()) > 0
