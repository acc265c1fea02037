"""`rostersync explain`: the JSON of DESIGN §6 and clear refusals."""

from __future__ import annotations

from datetime import datetime

from tests.cli.conftest import Operator


def synced(operator: Operator) -> tuple[str, dict]:
    operator.run("grant-premium", "--district", operator.sandbox.districts[0])
    teacher = operator.sandbox.sample_teacher()["id"]
    operator.json("sync-teacher", "--teacher", teacher, "--json")
    section = next(s for s in operator.sandbox.sections() if s["teacher"] == teacher)
    return teacher, section


def test_a_dropped_student_is_explained_in_json(operator: Operator) -> None:
    teacher, section = synced(operator)
    leaver = section["students"][0]
    operator.sandbox.drop(section["id"], leaver)
    operator.json("sync-teacher", "--teacher", teacher, "--json")

    printed = operator.json(
        "explain", "--teacher", teacher, "--class", section["id"], "--student", leaver, "--json"
    )

    [answer] = printed["explanations"]
    assert answer["kind"] == "DROPPED_BY_CLEVER"
    assert answer["student_clever_id"] == leaver
    assert datetime.fromisoformat(answer["since"]).tzinfo is not None
    assert "stopped listing them" in answer["message"]
    assert set(answer) == {"kind", "message", "student_clever_id", "since"}


def test_no_match_has_no_student_and_no_date(operator: Operator) -> None:
    teacher, section = synced(operator)

    printed = operator.json(
        "explain",
        "--teacher",
        teacher,
        "--class",
        section["id"],
        "--student",
        "Nobody Atall",
        "--json",
    )

    assert printed["explanations"] == [
        {
            "kind": "NO_MATCH",
            "message": printed["explanations"][0]["message"],
            "student_clever_id": None,
            "since": None,
        }
    ]
    assert "Clever administrator" in printed["explanations"][0]["message"]


def test_the_human_output_says_kind_and_sentence(operator: Operator) -> None:
    teacher, section = synced(operator)
    student = section["students"][0]

    result = operator.run(
        "explain", "--teacher", teacher, "--class", section["id"], "--student", student
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("NOT_JOINED_YET: ")
    assert "log in with Clever" in result.stdout


def test_a_teacher_of_another_class_and_a_bad_search_are_refused(operator: Operator) -> None:
    teacher, section = synced(operator)
    stranger = next(
        t["id"] for t in operator.sandbox.teachers() if t["id"] not in section["teachers"]
    )

    not_theirs = operator.run(
        "explain", "--teacher", stranger, "--class", section["id"], "--student", "Ada"
    )
    too_short = operator.run(
        "explain", "--teacher", teacher, "--class", section["id"], "--student", "a", "--json"
    )

    assert not_theirs.exit_code == 1 and "has no class" in not_theirs.output
    assert too_short.exit_code == 1 and "at least 2 characters" in too_short.output
    assert too_short.stdout == ""


def test_operators_also_see_the_students_other_classes(operator: Operator) -> None:
    teacher, section = synced(operator)
    other = next(
        s
        for s in operator.sandbox.sections()
        if s["teacher"] == teacher and s["id"] != section["id"]
    )
    student = next(s for s in section["students"] if s not in other["students"])
    operator.sandbox.enroll(other["id"], student)
    operator.json("sync-teacher", "--teacher", teacher, "--json")

    printed = operator.json(
        "explain", "--teacher", teacher, "--class", section["id"], "--student", student, "--json"
    )
    shown = operator.run(
        "explain", "--teacher", teacher, "--class", section["id"], "--student", student
    )

    [listed] = printed["other_classes"].values()
    assert {"clever_section_id": other["id"], "name": other["name"]} in listed
    assert section["id"] not in {c["clever_section_id"] for c in listed}
    assert list(printed["other_classes"]) == [student]
    assert f"also in: {other['name']} ({other['id']})" in shown.stdout
