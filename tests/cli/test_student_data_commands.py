"""`rostersync export-student` answers a records request with every stored fact about one
student and nothing about anyone else; `rostersync retention` says what it deletes."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest

from adapters.sqlalchemy.audit_log import SqlAlchemyDemographicsAuditLog
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from domain.accounts import Account, Role
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from tests.cli.conftest import Operator
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.rosters import AT, snapshot, sync

DROPPED_AT = AT + timedelta(days=3)
SEEN_AT = (AT + timedelta(hours=1), AT + timedelta(days=1))


@dataclass
class School:
    teacher: CleverPerson
    pupil: CleverPerson
    other: CleverPerson
    classes: list[CleverSection]  # the pupil stays in the first two, leaves the third
    problem_run: int
    viewer_id: int


def _section(teacher: CleverPerson, kids: list[CleverPerson]) -> CleverSection:
    return SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=tuple(k.id for k in kids)
    )


@pytest.fixture
def school(operator: Operator) -> Iterator[School]:
    """Stored directly (a sync against the sandbox cannot be steered this finely)."""
    engine = make_engine(operator.env["ROSTERSYNC_DATABASE_URL"])
    uow = SqlAlchemyUnitOfWorkFactory(engine)
    teacher = TeacherFactory(name="Ms Teacher Viewer")
    pupil = StudentFactory(name="Pupil Asked About")
    other = StudentFactory(name="Another Child", email="another.child@students.example.org")
    classes = [_section(teacher, [pupil, other]) for _ in range(3)]
    people = [teacher, pupil, other]
    sync(uow, teacher.id, snapshot(classes, people))
    later = [*classes[:2], replace(classes[2], student_ids=(other.id,))]
    sync(uow, teacher.id, snapshot(later, people), at=DROPPED_AT)
    with uow() as unit:
        viewer = unit.accounts.add(
            Account(None, Role.TEACHER, teacher.name, None, None, teacher.id, DISTRICT)
        )
        run = unit.sync_runs.add(
            SyncRun(
                None,
                teacher.id,
                DISTRICT,
                SyncTrigger.SCHEDULED,
                SyncStatus.PARTIAL,
                AT,
                AT,
                problems=(
                    Problem("student", pupil.id, "grade", "'Grade 7' is not a Clever grade"),
                    Problem("student", other.id, "race", "longer than 255 characters"),
                ),
            )
        )
        unit.commit()
    assert viewer.id is not None and run.id is not None
    log = SqlAlchemyDemographicsAuditLog(engine)
    log.record_demographics_access(viewer.id, [pupil.id, other.id], SEEN_AT[0])
    log.record_demographics_access(viewer.id, [pupil.id], SEEN_AT[1])
    yield School(teacher, pupil, other, classes, run.id, viewer.id)
    engine.dispose()


def test_export_student_prints_every_stored_fact_and_no_one_elses(
    operator: Operator, school: School, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="rostersync.access")
    result = operator.run("export-student", school.pupil.id)

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    student = document["student"]
    assert (student["clever_id"], student["name"]) == (school.pupil.id, school.pupil.name)
    assert (student["grade_level"], student["email"]) == ("GRADE_7", school.pupil.email)
    assert document["demographics"] == {
        "ell_status": False,
        "hispanic_ethnicity": False,
        "iep_status": True,
        "frl_status": "Free",
        "race": "Asian",
        "gender": "F",
    }
    seats = {e["clever_section_id"]: e for e in document["enrollments"]}
    first, second, left = (s.id for s in school.classes)
    assert set(seats) == {first, second, left}
    assert [seats[first]["status"], seats[second]["status"]] == ["active", "active"]
    assert seats[left]["status"] == "dropped"
    assert seats[left]["dropped_at"] == DROPPED_AT.isoformat()
    assert all(seat["enrolled_at"] == AT.isoformat() for seat in seats.values())
    assert sorted((h["clever_section_id"], h["action"]) for h in document["roster_history"]) == (
        sorted([(first, "added"), (second, "added"), (left, "added"), (left, "dropped")])
    )
    assert document["sync_problems"] == [
        {
            "sync_run_id": school.problem_run,
            "teacher_clever_id": school.teacher.id,
            "at": AT.isoformat(),
            "record_type": "student",
            "clever_id": school.pupil.id,
            "field": "grade",
            "message": "'Grade 7' is not a Clever grade",
        }
    ]
    views = document["demographics_views"]
    assert [v["at"] for v in views] == [at.isoformat() for at in SEEN_AT]
    assert {(v["viewer_clever_id"], v["viewer_name"]) for v in views} == {
        (school.teacher.id, school.teacher.name)
    }
    for trace in (school.other.id, school.other.name, school.other.email, "longer than 255"):
        assert trace not in result.stdout

    logged = [r.getMessage() for r in caplog.records if r.name == "rostersync.access"]
    assert len(logged) == 1 and school.pupil.id in logged[0]
    assert school.pupil.name not in logged[0] and str(school.pupil.email) not in logged[0]


def test_export_of_a_district_prints_one_line_per_student(
    operator: Operator, school: School
) -> None:
    result = operator.run("export-student", "--district", DISTRICT)

    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    by_id = {line["student"]["clever_id"]: line for line in lines}
    assert set(by_id) == {school.pupil.id, school.other.id}
    single = operator.run("export-student", school.pupil.id)
    assert by_id[school.pupil.id] == json.loads(single.stdout)
    other = by_id[school.other.id]
    assert [p["field"] for p in other["sync_problems"]] == ["race"]
    assert len(other["demographics_views"]) == 1


def test_export_refuses_unknown_students_and_districts(operator: Operator) -> None:
    unknown = operator.run("export-student", "ffffffffffffffffffffffff")
    assert unknown.exit_code == 1 and "no student with Clever id" in unknown.output
    nowhere = operator.run("export-student", "--district", "ffffffffffffffffffffffff")
    assert nowhere.exit_code == 1 and "no student of district" in nowhere.output
    both = operator.run("export-student", "a", "--district", "b")
    assert both.exit_code != 0 and "exactly one" in both.output
    neither = operator.run("export-student")
    assert neither.exit_code != 0 and "exactly one" in neither.output


def test_retention_dry_run_counts_then_the_run_deletes(operator: Operator, school: School) -> None:
    # Today is months after AT: with sync runs kept 30 days, the teacher's older run goes.
    operator.env["ROSTERSYNC_RETENTION_SYNC_RUNS_DAYS"] = "30"

    dry = operator.json("retention", "--dry-run", "--json")
    assert (dry["dry_run"], dry["sync_runs"], dry["departed_students"]) == (True, 2, 0)
    assert dry["audit_entries"] == 0
    text = operator.run("retention", "--dry-run")
    assert text.exit_code == 0 and "would remove" in text.output and "2 sync runs" in text.output

    done = operator.json("retention", "--json")
    assert (done["dry_run"], done["sync_runs"]) == (False, 2)
    again = operator.json("retention", "--json")
    assert again["sync_runs"] == 0
    exported = json.loads(operator.run("export-student", school.pupil.id).stdout)
    assert len(exported["sync_problems"]) == 1  # the teacher's latest run stays
    assert len(exported["roster_history"]) == 4  # history stays, unlinked from deleted runs
    assert {h["sync_run_id"] for h in exported["roster_history"]} == {None}


def test_retention_refuses_audit_days_shorter_than_departed_days(operator: Operator) -> None:
    operator.env["ROSTERSYNC_RETENTION_AUDIT_DAYS"] = "30"

    result = operator.run("retention", "--dry-run")

    assert result.exit_code == 1
    assert "ROSTERSYNC_RETENTION_AUDIT_DAYS (30)" in result.output
    assert "ROSTERSYNC_RETENTION_DEPARTED_DAYS (365)" in result.output
