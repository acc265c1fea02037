"""Only the class's teachers may ask, and a search learns nothing of anyone outside the class."""

from __future__ import annotations

import pytest

from application.explanations import ExplainStudentCommand, InvalidSearch
from application.results import NotFound
from domain.sync_run import SyncStatus
from tests.explain.conftest import School


def test_another_students_name_answers_exactly_as_a_made_up_name(school: School) -> None:
    other = school.other_section()
    outsider = school.sandbox.find_user(other["students"][0])
    assert outsider is not None
    made_up = school.explain("Zebulon Quackenbush")

    for search in (school.name_of(outsider[2]), outsider[2]["id"]):
        answer = school.explain(search)
        assert answer == made_up
        assert school.clever_requests(search) == {"GET /v3.1/sections/{id}/users": 1}
    assert [a.kind.name for a in made_up] == ["NO_MATCH"]
    assert made_up[0].student_id is None and made_up[0].since is None
    assert "Clever administrator" in made_up[0].message


def test_a_student_of_the_teachers_other_class_is_no_match_too(school: School) -> None:
    """Stored, taught by the same teacher, dropped from that other class: still nothing."""
    mine = set(school.section["students"])
    other = next(
        s
        for s in school.sandbox.sections()
        if school.teacher in s["teachers"]
        and s["id"] != school.section["id"]
        and not set(s["students"]) & mine
    )
    stays, leaver = other["students"][0], other["students"][1]
    school.sandbox.drop(other["id"], leaver)
    school.sync()
    made_up = school.explain("Zebulon Quackenbush")

    for student_id in (stays, leaver):
        found = school.sandbox.find_user(student_id)
        assert found is not None
        assert school.explain(student_id) == made_up
        assert school.explain(school.name_of(found[2])) == made_up


def test_only_a_teacher_of_the_class_gets_an_answer(school: School) -> None:
    other = school.other_section()
    command = ExplainStudentCommand(school.section["id"], "a student", other["teacher"])

    assert isinstance(school.services.explain_student(command), NotFound)
    for section_id in ("no-such-class", "bad\x00id", "x" * 65, ""):
        missing = ExplainStudentCommand(section_id, "a student", school.teacher)
        assert isinstance(school.services.explain_student(missing), NotFound)


@pytest.mark.parametrize("search", ["", "   ", "a", "x" * 201, "bad\x00id"])
def test_a_search_no_student_could_match_is_refused_with_a_reason(
    school: School, search: str
) -> None:
    command = ExplainStudentCommand(school.section["id"], search, school.teacher)

    with pytest.raises(InvalidSearch) as refused:
        school.services.explain_student(command)
    assert str(refused.value)


def test_a_held_sync_names_nobody_of_another_class(school: School) -> None:
    """A held run carries the records of every class of the teacher: only this class's count."""
    mine = set(school.section["students"])
    other = next(
        s
        for s in school.sandbox.sections()
        if school.teacher in s["teachers"]
        and s["id"] != school.section["id"]
        and not set(s["students"]) & mine
    )
    renamed = other["students"][0]
    school.sandbox.set_student_field(renamed, "first", "Zanzibarina")
    for student_id in school.section["students"][:-1]:
        school.sandbox.drop(school.section["id"], student_id)
    assert school.sync().status is SyncStatus.HELD
    made_up = school.explain("Zebulon Quackenbush")

    assert school.explain("Zanzibarina") == made_up
    assert school.explain(renamed) == made_up
