"""Scripted Clever changes: each makes one kind of change in the sandbox (which records the
matching events) and returns the check of what a teacher should then see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.events.world import (
    EventsWorld,
    Rosters,
    class_in,
    section_ids_of,
    section_owners,
    student_ids_in,
    student_in,
)

Check = Callable[[Rosters], None]


@dataclass(frozen=True)
class Change:
    name: str
    make: Callable[[EventsWorld, Rosters], Check]


def owned_sections(world: EventsWorld, teacher_id: str) -> list[dict[str, Any]]:
    return [s for s in world.sandbox.sections() if s.get("teacher") == teacher_id]


def first_section(world: EventsWorld, index: int = 0) -> dict[str, Any]:
    return owned_sections(world, world.rostering[0])[index]


def rostered_students(rosters: Rosters) -> set[str]:
    return {
        s["clever_id"] for view in rosters.values() for c in view["classes"] for s in c["students"]
    }


def enroll_a_rostered_student(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    student = sorted(rostered_students(before) - set(section["students"]))[0]
    world.sandbox.enroll(section["id"], student)
    return lambda after: _assert(student in student_ids_in(after, section["id"]))


def enroll_a_student_never_stored(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    known = rostered_students(before)
    student = next(s["id"] for s in world.sandbox.students() if s["id"] not in known)
    world.sandbox.enroll(section["id"], student)

    def check(after: Rosters) -> None:
        assert student in student_ids_in(after, section["id"])
        assert student_in(after, student)["name"]

    return check


def drop_a_student(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    student = section["students"][0]
    world.sandbox.drop(section["id"], student)
    return lambda after: _assert(student not in student_ids_in(after, section["id"]))


def move_a_student(world: EventsWorld, before: Rosters) -> Check:
    source, target = first_section(world, 0), first_section(world, 1)
    student = next(s for s in source["students"] if s not in target["students"])
    world.sandbox.move_student(student, source["id"], target["id"])

    def check(after: Rosters) -> None:
        assert student not in student_ids_in(after, source["id"])
        assert student in student_ids_in(after, target["id"])

    return check


def rename_a_section(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    world.sandbox.rename_section(section["id"], "Algebra Club (renamed in the SIS)")
    return lambda after: _assert(
        class_in(after, section["id"])["name"] == "Algebra Club (renamed in the SIS)"
    )


def change_a_section_grade(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    grade = "12" if section.get("grade") != "12" else "11"
    world.sandbox.set_section_grade(section["id"], grade)
    return lambda after: _assert(class_in(after, section["id"])["grade_level"] == f"GRADE_{grade}")


def delete_a_section(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    world.sandbox.delete_section(section["id"])
    return lambda after: _assert(class_in(after, section["id"])["archived"] is True)


def unshare_a_section(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    world.sandbox.unshare_section(section["id"])
    return lambda after: _assert(class_in(after, section["id"])["archived"] is True)


def reshare_a_section(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    world.sandbox.unshare_section(section["id"])
    world.sync()
    assert class_in(world.rosters(), section["id"])["archived"] is True
    world.sandbox.reshare_section(section["id"])

    def check(after: Rosters) -> None:
        klass = class_in(after, section["id"])
        assert klass["archived"] is False
        assert {s["clever_id"] for s in klass["students"]} == set(section["students"])

    return check


def add_an_outside_co_teacher(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    outsider = next(t for t in section_owners(world.sandbox) if t not in world.rostering)
    world.sandbox.set_section_teachers(section["id"], [*section["teachers"], outsider])
    return lambda after: _assert(
        outsider in class_in(after, section["id"])["co_teacher_clever_ids"]
    )


def hand_a_section_to_a_colleague(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    first, colleague = world.rostering[0], world.rostering[1]
    world.sandbox.set_section_teachers(section["id"], [colleague])

    def check(after: Rosters) -> None:
        assert section["id"] not in section_ids_of(after, first)
        assert (
            class_in({colleague: after[colleague]}, section["id"])["owner_clever_id"] == colleague
        )

    return check


def hand_a_section_to_an_outsider(world: EventsWorld, before: Rosters) -> Check:
    """Only the teacher who loses the class has a run that can notice."""
    section = first_section(world)
    outsider = next(t for t in section_owners(world.sandbox) if t not in world.rostering)
    world.sandbox.set_section_teachers(section["id"], [outsider])
    return lambda after: _assert(section["id"] not in section_ids_of(after, world.rostering[0]))


def change_a_student_grade(world: EventsWorld, before: Rosters) -> Check:
    student = first_section(world)["students"][0]
    world.sandbox.set_student_field(student, "grade", "9")
    return lambda after: _assert(student_in(after, student)["grade_level"] == "GRADE_9")


def change_a_student_ell_status(world: EventsWorld, before: Rosters) -> Check:
    student = first_section(world)["students"][0]
    was = student_in(before, student)["demographics"]["ell_status"]
    world.sandbox.set_student_field(student, "ell_status", "N" if was else "Y")
    return lambda after: _assert(
        student_in(after, student)["demographics"]["ell_status"] is (not was)
    )


def rename_a_student(world: EventsWorld, before: Rosters) -> Check:
    student = first_section(world)["students"][0]
    world.sandbox.set_student_field(student, "first", "Zephyrine")
    return lambda after: _assert(student_in(after, student)["name"].startswith("Zephyrine "))


def enroll_a_new_student(world: EventsWorld, before: Rosters) -> Check:
    section = first_section(world)
    student = world.sandbox.add_student(school_id=section["school"], first="Newcomer")
    world.sandbox.enroll(section["id"], student)
    return lambda after: _assert(student_in(after, student)["name"].startswith("Newcomer "))


def add_a_section(world: EventsWorld, before: Rosters) -> Check:
    template = first_section(world)
    students = template["students"][:3]
    section = world.sandbox.add_section(
        school_id=template["school"],
        teacher_ids=[world.rostering[0]],
        student_ids=students,
        name="Robotics Elective",
    )

    def check(after: Rosters) -> None:
        klass = class_in(after, section)
        assert klass["name"] == "Robotics Elective"
        assert {s["clever_id"] for s in klass["students"]} == set(students)

    return check


def delete_a_student(world: EventsWorld, before: Rosters) -> Check:
    student = first_section(world)["students"][0]
    world.sandbox.delete_user(student)
    return lambda after: _assert(student not in rostered_students(after))


def delete_a_co_teacher(world: EventsWorld, before: Rosters) -> Check:
    """A co-teacher outside the product, so no teacher of ours loses every class."""
    section = first_section(world)
    outsider = next(t for t in section_owners(world.sandbox) if t not in world.rostering)
    world.sandbox.set_section_teachers(section["id"], [*section["teachers"], outsider])
    world.sync()
    assert outsider in class_in(world.rosters(), section["id"])["co_teacher_clever_ids"]
    world.sandbox.delete_user(outsider)
    return lambda after: _assert(
        outsider not in class_in(after, section["id"])["co_teacher_clever_ids"]
    )


def re_enroll_a_student_changed_while_in_no_class(world: EventsWorld, before: Rosters) -> Check:
    """Events about a student in none of our classes are skipped, so the stored record is
    stale by the time a class lists them again."""
    section = first_section(world)
    student = section["students"][0]
    for other in world.sandbox.sections():
        if student in other["students"]:
            world.sandbox.drop(other["id"], student)
    world.sync()
    world.sandbox.set_student_field(student, "grade", "2")
    world.sync()
    world.sandbox.enroll(section["id"], student)
    return lambda after: _assert(student_in(after, student)["grade_level"] == "GRADE_2")


def five_percent_churn(world: EventsWorld, before: Rosters) -> Check:
    changed = world.sandbox.change_fraction(0.05, seed=3)
    assert changed > 5

    def check(after: Rosters) -> None:
        assert after != before

    return check


def _assert(condition: bool) -> None:
    assert condition


CHANGES = [
    Change("enroll a student rostered elsewhere", enroll_a_rostered_student),
    Change("enroll a student the product never stored", enroll_a_student_never_stored),
    Change("drop a student", drop_a_student),
    Change("move a student between classes", move_a_student),
    Change("rename a section", rename_a_section),
    Change("change a section's grade", change_a_section_grade),
    Change("delete a section", delete_a_section),
    Change("unshare a section", unshare_a_section),
    Change("reshare an unshared section", reshare_a_section),
    Change("add a co-teacher from outside the product", add_an_outside_co_teacher),
    Change("hand a section to a colleague", hand_a_section_to_a_colleague),
    Change("hand a section to a teacher outside the product", hand_a_section_to_an_outsider),
    Change("change a student's grade", change_a_student_grade),
    Change("change a student's ELL status", change_a_student_ell_status),
    Change("rename a student", rename_a_student),
    Change("enroll a brand-new student", enroll_a_new_student),
    Change("add a section", add_a_section),
    Change("delete a student from the district", delete_a_student),
    Change("delete a co-teacher from the district", delete_a_co_teacher),
    Change(
        "re-enroll a student changed while in no class",
        re_enroll_a_student_changed_while_in_no_class,
    ),
    Change("five percent churn", five_percent_churn),
]
