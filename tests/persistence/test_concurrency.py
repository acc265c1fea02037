"""Several threads on one database at once, as web workers and sync workers are."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import Engine

from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.runtime import FakeClock
from adapters.sqlalchemy.lock import SqlAlchemySyncLock
from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.errors import ActiveRunExists
from application.results import SyncStarted
from application.sync_teacher import SyncTeacher, SyncTeacherCommand
from domain.licensing import LicenseScope, PremiumLicense
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.rosters import AT


def _together(count: int, work: Callable[[int], object]) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except Exception as exc:  # collected, then asserted on
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_only_one_of_many_simultaneous_runs_is_accepted(engine: Engine) -> None:
    uow = SqlAlchemyUnitOfWorkFactory(engine)

    def queue_run(_: int) -> object:
        with uow() as unit:
            run = unit.sync_runs.add(
                SyncRun(None, "t1", DISTRICT, SyncTrigger.MANUAL, SyncStatus.QUEUED, AT)
            )
            unit.commit()
            return run

    results = _together(8, queue_run)

    accepted = [r for r in results if isinstance(r, SyncRun)]
    assert len(accepted) == 1, results
    assert all(isinstance(r, ActiveRunExists) for r in results if r not in accepted), results


def test_teachers_syncing_at_the_same_time_all_land(engine: Engine) -> None:
    clever = FakeCleverDirectory()
    teachers = [TeacherFactory() for _ in range(4)]
    for teacher in teachers:
        clever.add_person(teacher)
        kids = [StudentFactory() for _ in range(10)]
        for kid in kids:
            clever.add_person(kid)
        clever.add_section(
            SectionFactory(
                teacher_id=teacher.id,
                teacher_ids=(teacher.id,),
                student_ids=tuple(k.id for k in kids),
            )
        )
    uow = SqlAlchemyUnitOfWorkFactory(engine)
    with uow() as unit:
        unit.licenses.add(PremiumLicense(LicenseScope.DISTRICT, DISTRICT))
        unit.commit()
    use_case = SyncTeacher(uow, clever, FakeClock(), SqlAlchemySyncLock(engine))

    results = _together(4, lambda i: use_case(SyncTeacherCommand(teachers[i].id)))

    assert all(isinstance(r, SyncStarted) for r in results), results
    rosters = SqlAlchemyRosterReader(engine).classes_for_teachers([t.id for t in teachers], False)
    assert [[c.student_count for c in rosters[t.id]] for t in teachers] == [[10]] * 4
