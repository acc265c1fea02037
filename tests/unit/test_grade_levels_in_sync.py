"""Rule 7 through a sync: grades of classes and students, and bad grades as problems."""

from __future__ import annotations

import pytest

from domain.sync_run import SyncStatus
from tests.unit.world import World


@pytest.mark.parametrize(
    ("clever", "shown"),
    [("Kindergarten", "KINDERGARTEN"), ("12", "GRADE_12"), ("Ungraded", "UNGRADED"), ("", None)],
)
def test_class_and_student_grades_come_from_clever(
    world: World, clever: str, shown: str | None
) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, grade=clever)[0]
    section = world.section([teacher], [student], grade=clever)

    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert world.class_view(section).grade_level == shown
    assert world.student_view(section, student).grade_level == shown


def test_a_missing_grade_is_unknown(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, grade=None)[0]
    section = world.section([teacher], [student], grade=None)

    world.run(teacher)

    assert world.class_view(section).grade_level is None
    assert world.student_view(section, student).grade_level is None


def test_a_grade_that_goes_blank_in_clever_becomes_unknown(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, grade="3")[0]
    section = world.section([teacher], [student], grade="3")
    world.run(teacher)

    world.change_section(section.id, grade="")
    world.change_person(student.id, grade="")
    world.run(teacher)

    assert world.class_view(section).grade_level is None
    assert world.student_view(section, student).grade_level is None


def test_an_unknown_grade_is_a_problem_and_keeps_the_stored_grade(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, grade="4")[0]
    section = world.section([teacher], [student], grade="4")
    world.run(teacher)

    world.change_section(section.id, grade="Fourth")
    world.change_person(student.id, grade="4th", name="Renamed Student")
    run = world.run(teacher)

    assert run.status is SyncStatus.PARTIAL
    found = {(p.record_type, p.clever_id, p.field) for p in run.problems}
    assert found == {("section", section.id, "grade"), ("student", student.id, "grade")}
    assert world.class_view(section).grade_level == "GRADE_4"
    view = world.student_view(section, student)
    assert (view.name, view.grade_level) == ("Renamed Student", "GRADE_4")


def test_an_unknown_grade_on_a_new_record_is_left_unknown(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, grade="Freshman")[0]
    section = world.section([teacher], [student], grade="Sophomore")

    run = world.run(teacher)

    assert run.status is SyncStatus.PARTIAL
    assert len(run.problems) == 2
    assert world.class_view(section).grade_level is None
    assert world.student_view(section, student).grade_level is None
