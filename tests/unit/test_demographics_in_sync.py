"""Rule 8 through a sync: what teachers see, and bad values that never overwrite good ones."""

from __future__ import annotations

from domain.sync_run import SyncStatus
from tests.unit.world import World


def test_shared_demographics_reach_the_student(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(
        1,
        demographics={"ell_status": "Y", "iep_status": "N", "race": "Asian", "gender": "F"},
    )[0]
    world.section([teacher], [student])

    world.run(teacher)

    shown = world.demographics(student)
    assert (shown.ell_status, shown.iep_status, shown.hispanic_ethnicity) == (True, False, None)
    assert (shown.race, shown.gender, shown.frl_status) == ("Asian", "F", None)


def test_a_district_that_shares_nothing_leaves_everything_unknown(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, demographics={})[0]
    world.section([teacher], [student])

    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    shown = world.demographics(student)
    assert (shown.ell_status, shown.race, shown.gender) == (None, None, None)


def test_bad_values_are_problems_and_keep_the_stored_good_values(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, demographics={"ell_status": "Y", "race": "Asian"})[0]
    world.section([teacher], [student])
    world.run(teacher)

    world.change_person(
        student.id, demographics={"ell_status": "Unknown", "race": "a" * 256, "gender": "M"}
    )
    run = world.run(teacher)

    assert run.status is SyncStatus.PARTIAL
    found = sorted((p.record_type, p.clever_id, p.field) for p in run.problems)
    assert found == [("student", student.id, "ell_status"), ("student", student.id, "race")]
    shown = world.demographics(student)
    assert (shown.ell_status, shown.race, shown.gender) == (True, "Asian", "M")


def test_a_bad_value_for_a_new_student_is_left_unknown(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    student = world.students(1, demographics={"iep_status": "yes", "gender": "F"})[0]
    world.section([teacher], [student])

    run = world.run(teacher)

    assert [(p.clever_id, p.field) for p in run.problems] == [(student.id, "iep_status")]
    shown = world.demographics(student)
    assert (shown.iep_status, shown.gender) == (None, "F")
