"""The daily retention task, run in process: a student who left a year ago loses their grade
and demographics; their classmate who stayed keeps theirs."""

from __future__ import annotations

from dataclasses import replace

from adapters.celery.names import RETENTION_TASK
from domain.demographics import DemographicProfile
from domain.licensing import LicenseScope
from tests.celery.conftest import CeleryWorld
from tests.factories import DISTRICT


def test_the_retention_task_erases_a_leaver_after_the_departed_days(world: CeleryWorld) -> None:
    world.grant(LicenseScope.DISTRICT, DISTRICT)
    teacher = world.teacher()
    stays, also, leaves = world.students(3)
    section = world.section(teacher, [stays, also, leaves])
    world.manual_sync(teacher)
    world.clever.sections[section.id] = replace(section, student_ids=(stays.id, also.id))
    world.clock.advance(days=1)
    world.manual_sync(teacher)

    world.clock.advance(days=365, seconds=-1)  # the drop was a day in
    assert world.app.tasks[RETENTION_TASK].delay().get()["departed_students"] == 0
    world.clock.advance(seconds=1)
    summary = world.app.tasks[RETENTION_TASK].delay().get()

    assert summary["outcome"] == "applied" and summary["departed_students"] == 1
    with world.services.uow() as uow:
        gone, kept = uow.rosters.get_student(leaves.id), uow.rosters.get_student(stays.id)
    assert gone is not None and gone.grade is None and gone.demographics == DemographicProfile()
    assert kept is not None and kept.grade is not None
