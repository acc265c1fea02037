"""A roster query costs the same number of reader calls (so SQL statements) at any size."""

from __future__ import annotations

from collections import Counter

from tests.graphql.world import GraphWorld, data

ROSTER = """{ viewer { classes {
  teachers { teacher { name } }
  students { name gradeLevel demographics { race } }
  rosterHistory { action }
} } }"""


def reader_calls(classes: int, students_per_class: int) -> Counter[str]:
    world = GraphWorld.build()
    world.grant_district()
    teacher, co_teacher = world.teacher(), world.teacher()
    for _ in range(classes):
        world.section([teacher, co_teacher], world.students(students_per_class))
    account = world.account(teacher)
    world.sync(teacher)
    client = world.signed_in(account)
    world.reader.calls.clear()

    viewer = data(client, ROSTER)["viewer"]

    assert len(viewer["classes"]) == classes
    assert sum(len(c["students"]) for c in viewer["classes"]) == classes * students_per_class
    assert all(
        s["demographics"]["race"] == "Asian" for c in viewer["classes"] for s in c["students"]
    )
    return world.reader.calls


def test_roster_query_costs_the_same_for_one_class_and_seven_of_thirty_five() -> None:
    small = reader_calls(1, 1)
    large = reader_calls(7, 35)

    assert large == small
    # One call reads the viewer with the roster version; one reads the classes, their teachers
    # and students and writes the audit; the history is loaded by its field.
    assert small == Counter(
        {"roster_version_and_viewer": 1, "teacher_roster": 1, "history_for_classes": 1}
    )


def test_each_request_gets_fresh_loaders(world: GraphWorld) -> None:
    """A second request never answers from the first request's loader cache."""
    world.grant_district()
    teacher = world.teacher()
    section = world.section([teacher], world.students(1), name="Before")
    account = world.account(teacher)
    world.sync(teacher)
    client = world.signed_in(account)
    query = "{ viewer { classes { name students { name } } } }"
    assert data(client, query)["viewer"]["classes"][0]["name"] == "Before"

    world.change_section(section.id, name="After")
    world.change_section(section.id, student_ids=(*section.student_ids, world.students(1)[0].id))
    world.sync(teacher)
    calls_before = sum(world.reader.calls.values())
    second = data(client, query)["viewer"]["classes"][0]

    assert second["name"] == "After" and len(second["students"]) == 2
    # the viewer with the roster version (changed by the sync), then the roster, read anew
    assert sum(world.reader.calls.values()) == calls_before + 2
