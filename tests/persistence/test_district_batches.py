"""The district job syncs teachers in batches, each reading only its part of the district's
bulk pull; what lands is exactly what syncing them one by one from the whole district in
memory lands, and what batches over the whole district in memory land: the same rosters,
roster history, run counts, problems and held runs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, select

import application.sync_district as sync_district
from adapters.clever import HttpxCleverDirectory
from adapters.memory.runtime import FakeClock
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.lock import SqlAlchemySyncLock
from adapters.sqlalchemy.migrate import migrate
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    enrollments,
    roster_history,
    students,
    sync_runs,
    teachers,
)
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.district_slice import DistrictSlicer, WholeDistrict
from application.premium_grants import GrantPremium, GrantPremiumCommand
from application.run_start import start_run
from application.sync_district import SyncDistrict, SyncDistrictCommand
from application.sync_runs import RunRecorder
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from domain.reconcile import SyncScope
from domain.roster import Teacher
from domain.sync_run import SyncTrigger
from tests.clever.districts import whole_district


class Tokens:
    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens

    def district_tokens(self) -> dict[str, str]:
        return self.tokens


@pytest.fixture
def clever() -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=11, students=700)) as running:
        sandbox = running.sandbox
        pupils = sandbox.students()
        for student, grade in ((pupils[0], "Grade 13 and a half"), (pupils[1], "7")):
            student["roles"]["student"]["grade"] = grade
        pupils[2]["roles"]["student"]["ell_status"] = "sometimes"
        yield running


class District:
    """One SQLite database synced from the sandbox, batch-wise or one teacher at a time."""

    def __init__(self, engine: Engine, clever: RunningSandbox) -> None:
        self.engine = engine
        sandbox = clever.sandbox
        self.district_id = sandbox.districts[0]
        tokens = Tokens({self.district_id: sandbox.district_token()})
        self.directory = HttpxCleverDirectory(clever.url, tokens)
        self.uow = SqlAlchemyUnitOfWorkFactory(engine)
        self.clock = FakeClock()
        GrantPremium(self.uow, self.clock)(
            GrantPremiumCommand(LicenseScope.DISTRICT, self.district_id)
        )
        with self.uow() as uow:
            for record in sandbox.teachers():
                unsynced = Teacher(record["id"], self.district_id, "", rostering_started=True)
                uow.rosters.save_teacher(unsynced)
            uow.commit()

    def in_batches(self) -> None:
        lock = SqlAlchemySyncLock(self.engine)
        job = SyncDistrict(self.uow, self.directory, self.clock, lock)
        result = job(SyncDistrictCommand(self.district_id))
        assert result.error is None and result.runs

    def in_batches_unsliced(self) -> None:
        """Batches again, each slicing the whole district held in memory."""
        whole = WholeDistrict(whole_district(self.directory, self.district_id))
        directory = SimpleNamespace(pull_district=lambda district_id: whole)
        lock = SqlAlchemySyncLock(self.engine)
        job = SyncDistrict(self.uow, directory, self.clock, lock)  # type: ignore[arg-type]
        result = job(SyncDistrictCommand(self.district_id))
        assert result.error is None and result.runs

    def one_by_one(self) -> None:
        """The district job as it was: a lock, a run, a state load and a commit per teacher."""
        snapshot = whole_district(self.directory, self.district_id)
        recorder = RunRecorder(self.uow, self.clock)
        with self.uow() as uow:
            rostering = uow.rosters.rostering_teachers(self.district_id)
        for teacher in rostering:
            with self.uow() as uow:
                run = start_run(uow, teacher, SyncTrigger.SCHEDULED, self.clock, None)
                uow.commit()
                known = uow.rosters.section_ids_of_teacher(teacher.clever_id)
            slicer = DistrictSlicer(WholeDistrict(snapshot), [teacher.clever_id])
            sliced = slicer(teacher.clever_id, known)
            recorder.apply(run, teacher, sliced, SyncScope(frozenset({teacher.clever_id})))

    def state(self) -> dict[str, Any]:
        def rows(query: Any) -> Counter[tuple[Any, ...]]:
            with self.engine.connect() as conn:
                return Counter(tuple(map(_hashable, row)) for row in conn.execute(query))

        counted = ("classes_", "students_", "co_teachers_")
        history = roster_history.c
        seats = enrollments.c
        return {
            "teachers": rows(select(teachers)),
            "students": rows(select(students)),
            "classes": rows(select(*(c for c in classes.c if c.name != "last_synced_at"))),
            "class_teachers": rows(select(class_teachers)),
            "enrollments": rows(select(seats.section_id, seats.student_id, seats.active)),
            "history": rows(select(history.section_id, history.student_id, history.action)),
            "runs": rows(
                select(
                    sync_runs.c.teacher_id,
                    sync_runs.c.status,
                    *(c for c in sync_runs.c if c.name.startswith(counted)),
                )
            ),
            "problems": self._problems(),
        }

    def _problems(self) -> Counter[tuple[str, str]]:
        with self.engine.connect() as conn:
            found = conn.execute(select(sync_runs.c.teacher_id, sync_runs.c.problems)).all()
        return Counter(
            (teacher_id, f"{p['record_type']} {p['clever_id']} {p['field']}")
            for teacher_id, problems in found
            for p in problems
        )


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@pytest.fixture
def districts(clever: RunningSandbox, tmp_path: Path) -> Iterator[tuple[District, ...]]:
    engines = []
    for name in ("sliced", "one_by_one", "unsliced"):
        engine = make_engine(f"sqlite:///{tmp_path / name}.db")
        migrate(engine)
        engines.append(engine)
    yield tuple(District(engine, clever) for engine in engines)
    for engine in engines:
        engine.dispose()


def across_schools(sandbox: Sandbox) -> tuple[tuple[str, str], str, str]:
    """Teachers co-teaching in another school, students seated in another school's sections,
    a section Clever cannot read, one listing a student Clever sends no record of."""
    sections = sandbox.sections()
    schools = sorted({s["school"] for s in sections})
    first = [s for s in sections if s["school"] == schools[0]]
    second = [s for s in sections if s["school"] == schools[1]]
    co_teaching = (second[0]["id"], first[0]["teacher"])
    for mine, theirs in zip(first[:3], second[:3], strict=True):
        sandbox.set_section_teachers(theirs["id"], [*theirs["teachers"], mine["teacher"]])
        for student in mine["students"][:4]:
            sandbox.enroll(theirs["id"], student)
    broken, ghostly = second[5], second[6]
    sandbox.set_raw("sections", broken["id"], {**broken, "teachers": "not a list"})
    sandbox.set_raw(
        "sections", ghostly["id"], {**ghostly, "students": [*ghostly["students"], "ghost"]}
    )
    return co_teaching, broken["id"], ghostly["id"]


def test_batches_land_what_one_by_one_syncs_land(
    clever: RunningSandbox, districts: tuple[District, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_district, "TEACHERS_PER_BATCH", 4)
    batched, reference, unsliced = districts
    sandbox = clever.sandbox

    def both() -> None:
        batched.in_batches()
        reference.one_by_one()
        unsliced.in_batches_unsliced()
        assert batched.state() == reference.state()
        assert batched.state() == unsliced.state()

    both()  # the first, cold sync
    first = batched.state()
    assert sum(first["enrollments"].values()) > 1000
    assert {problem.split()[0] for _, problem in first["problems"]} >= {"student"}

    sandbox.change_fraction(0.05, seed=3)
    owner = sandbox.sample_teacher()["id"]
    shared = [s for s in sandbox.sections() if owner in s["teachers"] and len(s["teachers"]) > 1]
    sandbox.set_section_teachers(shared[0]["id"], [t for t in shared[0]["teachers"] if t != owner])
    others = [s for s in sandbox.sections() if s["teacher"] != owner][:3]
    for section in others:
        sandbox.delete_section(section["id"])
    both()  # everyday churn: drops, adds, renames, a co-teacher leaving, deleted sections

    for section in [s for s in sandbox.sections() if s["teacher"] == owner]:
        sandbox.unshare_section(section["id"])
    both()  # one teacher loses every class: that run is held, the others land

    held = [key for key in batched.state()["runs"] if key[1] == "held"]
    assert [key[0] for key in held] == [owner]

    co_teaching, broken, ghostly = across_schools(sandbox)
    both()  # teachers and students across schools, an unreadable section, a missing record
    with batched.engine.connect() as conn:
        assert co_teaching in conn.execute(select(class_teachers)).all()
        archived = select(classes.c.archived).where(classes.c.section_id == broken)
        assert conn.execute(archived).scalar_one() is False
    problems = {problem for _, problem in batched.state()["problems"]}
    assert f"section {ghostly} students" in problems

    sandbox.change_fraction(0.05, seed=4)
    both()  # and everyday churn on top
