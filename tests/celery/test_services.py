"""Tasks build their use cases lazily, once per process."""

from __future__ import annotations

import gc
import multiprocessing
from typing import NoReturn

import pytest

from adapters.celery import ServicesNotInstalled, install, make_celery
from adapters.celery.names import SYNC_DISTRICT_TASK, SYNC_TEACHER_TASK
from adapters.celery.services import ServicesHolder
from application.errors import ActiveRunExists
from application.sync_teacher import SyncTeacherCommand
from tests.celery.conftest import CeleryWorld, make_settings


def test_a_task_without_installed_services_says_what_the_entry_point_must_do() -> None:
    app = make_celery(make_settings())

    with pytest.raises(ServicesNotInstalled, match="install"):
        app.tasks[SYNC_DISTRICT_TASK].apply(("d1",)).get()


def test_services_are_built_on_first_use_and_then_reused(world: CeleryWorld) -> None:
    built: list[object] = []

    def provider() -> object:
        built.append(world.services)
        return world.services

    holder = ServicesHolder()
    holder.install(provider)  # type: ignore[arg-type]
    assert built == []

    holder.get()
    holder.get()

    assert len(built) == 1


def test_what_the_services_are_built_from_is_left_out_of_the_collectors_passes() -> None:
    class Services:
        pass

    holder = ServicesHolder()
    holder.install(Services)  # type: ignore[arg-type]
    try:
        services = holder.get()
        assert gc.get_freeze_count() > 0
        assert not any(found is services for found in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(found is services for found in gc.get_objects())


def test_a_forked_process_builds_its_own_services() -> None:
    holder = ServicesHolder()
    holder.install(object)  # type: ignore[arg-type]
    in_parent = holder.get()
    answers: multiprocessing.SimpleQueue[bool] = multiprocessing.get_context("fork").SimpleQueue()

    def child() -> None:
        answers.put(holder.get() is not in_parent and holder.get() is holder.get())

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(timeout=10)

    assert process.exitcode == 0
    assert answers.get() is True
    assert holder.get() is in_parent


def test_apps_do_not_share_their_services(world: CeleryWorld) -> None:
    def wrong_services() -> NoReturn:
        raise AssertionError("a task used the services of another app")

    install(make_celery(make_settings()), wrong_services)

    summary = world.app.tasks[SYNC_DISTRICT_TASK].apply(("d1",)).get()

    assert summary["district_id"] == "d1"


def test_a_teacher_sync_racing_a_newly_queued_run_leaves_the_work_to_that_run() -> None:
    class RacedServices:
        def sync_teacher(self, command: SyncTeacherCommand) -> NoReturn:
            raise ActiveRunExists(command.teacher_id)

    app = make_celery(make_settings())
    install(app, RacedServices)  # type: ignore[arg-type]

    summary = app.tasks[SYNC_TEACHER_TASK].apply(("t1", "scheduled")).get()

    assert summary == {"outcome": "coalesced"}
