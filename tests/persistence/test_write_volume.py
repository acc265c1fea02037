"""A resync that changes nothing writes nothing; a small change writes only the changed rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.runtime import FakeClock
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.lock import SqlAlchemySyncLock
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.results import SyncStarted
from application.sync_teacher import SyncTeacher, SyncTeacherCommand
from domain.licensing import LicenseScope, PremiumLicense
from domain.sync_run import SyncRun, SyncStatus
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.rosters import AT, sync
from tests.persistence.write_probes import (
    install_sqlite_row_log,
    postgres_rows_written,
    roster_write_statements,
    sqlite_rows_written,
    tagged_postgres_url,
)

CLASSES, STUDENTS_PER_CLASS = 7, 30


@dataclass
class School:
    """One teacher with seven classes of thirty in a fake Clever, synced by the real use case."""

    engine: Engine
    rows_written: Callable[[], Counter[str]]
    clever: FakeCleverDirectory
    teacher_id: str

    def sync(self) -> SyncRun:
        uow = SqlAlchemyUnitOfWorkFactory(self.engine)
        use_case = SyncTeacher(uow, self.clever, FakeClock(), SqlAlchemySyncLock(self.engine))
        result = use_case(SyncTeacherCommand(self.teacher_id))
        assert isinstance(result, SyncStarted), result
        return result.run


def _populate(engine: Engine, rows_written: Callable[[], Counter[str]]) -> School:
    clever = FakeCleverDirectory()
    teacher = TeacherFactory()
    clever.add_person(teacher)
    for _ in range(CLASSES):
        kids = [StudentFactory() for _ in range(STUDENTS_PER_CLASS)]
        for kid in kids:
            clever.add_person(kid)
        clever.add_section(
            SectionFactory(
                teacher_id=teacher.id,
                teacher_ids=(teacher.id,),
                student_ids=tuple(k.id for k in kids),
            )
        )
    with SqlAlchemyUnitOfWorkFactory(engine)() as uow:
        uow.licenses.add(PremiumLicense(LicenseScope.DISTRICT, DISTRICT))
        uow.commit()
    return School(engine, rows_written, clever, teacher.id)


@pytest.fixture(params=["sqlite", "postgres"])
def school(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[School]:
    if request.param == "sqlite":
        engine: Engine = request.getfixturevalue("sqlite_engine")
        install_sqlite_row_log(engine)
        yield _populate(engine, lambda: sqlite_rows_written(engine))
        return
    url, name = tagged_postgres_url(request.getfixturevalue("postgres_database"))
    request.getfixturevalue("postgres_engine")  # empties the tables afterwards
    engine = make_engine(url)
    yield _populate(engine, lambda: postgres_rows_written(engine, name))
    engine.dispose()


def test_unchanged_resync_writes_no_roster_row(school: School) -> None:
    first = school.sync()
    assert first.counts.students_enrolled == CLASSES * STUDENTS_PER_CLASS
    before = school.rows_written()

    with roster_write_statements(school.engine) as statements:
        again = school.sync()

    assert again.status is SyncStatus.SUCCEEDED
    assert again.counts.as_dict() == dict.fromkeys(again.counts.as_dict(), 0)
    assert statements == Counter()
    assert school.rows_written() - before == Counter()


def test_a_one_percent_change_writes_exactly_the_changed_rows(school: School) -> None:
    school.sync()
    before = school.rows_written()
    section_ids = sorted(school.clever.sections)
    renamed_section, dropping_section = section_ids[0], section_ids[1]
    kids = school.clever.sections[dropping_section].student_ids
    renamed_kid = school.clever.people[kids[0]]
    school.clever.add_person(replace(renamed_kid, name="Renamed Student"))
    school.clever.sections[renamed_section] = replace(
        school.clever.sections[renamed_section], name="Renamed Class"
    )
    school.clever.sections[dropping_section] = replace(
        school.clever.sections[dropping_section], student_ids=kids[:-1]
    )

    with roster_write_statements(school.engine) as statements:
        run = school.sync()

    assert (run.counts.classes_updated, run.counts.students_dropped) == (1, 1)
    expected = Counter(students=1, classes=1, enrollments=1, roster_history=1)
    assert statements == expected
    assert school.rows_written() - before == expected


def test_reapplying_an_applied_change_set_rewrites_nothing(school: School) -> None:
    """What an approved held sync does when its changes already landed some other way."""
    teacher = school.clever.people[school.teacher_id]
    clever = school.clever.teacher_roster(DISTRICT, teacher.id, ())
    changes, run_id = sync(SqlAlchemyUnitOfWorkFactory(school.engine), teacher.id, clever)
    assert len(changes.students) == CLASSES * STUDENTS_PER_CLASS
    before = school.rows_written()

    with SqlAlchemyUnitOfWorkFactory(school.engine)() as uow:
        uow.rosters.apply(changes, run_id, AT)
        uow.commit()

    assert school.rows_written() - before == Counter()
