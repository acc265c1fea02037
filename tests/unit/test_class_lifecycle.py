"""Rules 3 and 5: classes follow their section, archive when it goes and return with it."""

from __future__ import annotations

from application.rename_class import RenameClassCommand
from domain.sync_run import SyncStatus
from tests.unit.world import World


def test_a_deleted_or_unshared_section_archives_its_class(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(2)
    gone = world.section([teacher], kids, name="Gone")
    world.section([teacher], kids, name="Stays A")
    world.section([teacher], kids, name="Stays B")
    world.run(teacher)

    world.delete_section(gone.id)
    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert run.counts.classes_archived == 1
    assert world.class_names(teacher) == ["Stays A", "Stays B"]
    archived = {c.name: c.archived for c in world.classes(teacher, include_archived=True)}
    assert archived == {"Gone": True, "Stays A": False, "Stays B": False}
    assert run.counts.students_dropped == 0
    assert [action for _, action, _ in world.history(gone)] == ["added", "added"]


def test_a_section_that_returns_restores_its_class(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(2)
    section = world.section([teacher], kids, name="Comes back")
    world.section([teacher], [], name="Other A")
    world.section([teacher], [], name="Other B")
    world.run(teacher)
    returning = world.clever.sections[section.id]
    world.delete_section(section.id)
    world.run(teacher)

    world.clever.add_section(returning)
    run = world.run(teacher)

    assert run.counts.classes_restored == 1
    assert "Comes back" in world.class_names(teacher)
    assert world.class_view(section).archived is False
    assert world.roster(section) == sorted(k.id for k in kids)


def test_name_subject_period_and_grade_follow_clever(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    section = world.section([teacher], world.students(1), name="Math 7", period="1", grade="7")
    world.run(teacher)

    world.change_section(section.id, name="Math 7 Honors", subject="science", period="4", grade="8")
    run = world.run(teacher)

    assert run.counts.classes_updated == 1
    view = world.class_view(section)
    assert (view.name, view.subject, view.period, view.grade_level) == (
        "Math 7 Honors",
        "science",
        "4",
        "GRADE_8",
    )


def test_a_name_the_teacher_chose_survives_later_syncs(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    section = world.section([teacher], world.students(2), name="Sec 4", period="1")
    world.run(teacher)
    account = world.connect(teacher)
    assert account.id is not None
    world.services.rename_class(RenameClassCommand(account.id, section.id, "Room 12 Maths"))

    world.change_section(section.id, name="Sec 4 (renamed in SIS)", period="2")
    run = world.run(teacher)
    world.run(teacher)

    assert run.counts.classes_updated == 1
    assert world.class_names(teacher) == ["Room 12 Maths"]
    assert world.class_view(section).period == "2"


def test_whitespace_in_a_clever_name_is_collapsed_and_a_blank_one_gets_a_fallback(
    world: World,
) -> None:
    world.grant()
    teacher = world.teacher()
    spaced = world.section([teacher], [], name="  Biology \t 101  ")
    blank = world.section([teacher], [], name="   ")

    world.run(teacher)

    assert world.class_view(spaced).name == "Biology 101"
    assert world.class_view(blank).name == f"Section {blank.id[-6:]}"
