"""A teacher's roster: their sections, co-teachers and students, in as few requests as Clever allows."""

from __future__ import annotations

import pytest
import respx

from adapters.clever import CleverHttp, HttpxCleverDirectory, NoDistrictToken
from application.errors import CleverAuthError, CleverUnavailable
from tests.clever.conftest import API, TOKEN
from tests.clever.payloads import DISTRICT, StudentFactory, TeacherFactory, taught_by
from tests.clever.stub_clever import StubClever


@pytest.fixture
def stub(clever: respx.MockRouter) -> StubClever:
    stub = StubClever()
    clever.route(host="api.clever.test").mock(side_effect=stub)
    return stub


class School:
    """A secondary teacher: four sections of their own (one co-taught), and one they were taken off."""

    def __init__(self, stub: StubClever) -> None:
        self.teacher, self.co_teacher = TeacherFactory(), TeacherFactory()
        self.students = StudentFactory.create_batch(10)
        s = self.students
        self.co_taught = taught_by([self.teacher, self.co_teacher], s[0:2], name="Algebra")
        self.own = [self.co_taught] + [taught_by([self.teacher], s[i : i + 2]) for i in (2, 4, 6)]
        self.taken_off = taught_by([self.co_teacher], s[8:10])
        self.deleted_id = "c" + "9" * 23
        stub.add(self.teacher, self.co_teacher, *s, *self.own, self.taken_off)

    @property
    def known(self) -> list[str]:
        return [x["id"] for x in self.own] + [self.taken_off["id"], self.deleted_id]


def test_sections_co_teachers_students_and_gone_sections(
    stub: StubClever, directory: HttpxCleverDirectory
) -> None:
    school = School(stub)

    snapshot = directory.teacher_roster(DISTRICT, school.teacher["id"], school.known)

    expected = sorted(x["id"] for x in [*school.own, school.taken_off])
    assert [s.id for s in snapshot.sections] == expected
    assert snapshot.gone_section_ids == {school.deleted_id}
    algebra = next(s for s in snapshot.sections if s.id == school.co_taught["id"])
    assert algebra.teacher_id == school.teacher["id"]
    assert algebra.teacher_ids == (school.teacher["id"], school.co_teacher["id"])
    assert algebra.student_ids == tuple(x["id"] for x in school.students[0:2])
    roles = {pid: p.role for pid, p in snapshot.people.items()}
    assert roles == {
        school.teacher["id"]: "teacher",
        school.co_teacher["id"]: "teacher",
        **{x["id"]: "student" for x in school.students},
    }
    assert snapshot.complete and snapshot.problems == ()


def test_one_student_list_and_few_section_lists_when_that_is_cheaper(
    stub: StubClever, directory: HttpxCleverDirectory
) -> None:
    school = School(stub)

    directory.teacher_roster(DISTRICT, school.teacher["id"], school.known)

    assert stub.hits == {
        "/users/{id}/sections": 1,
        "/sections/{id}": 2,  # the section taken away (200) and the deleted one (404)
        "/users/{id}/mystudents": 1,
        "/sections/{id}/users": 1,  # the taken-away section: its teacher and its students
        "/sections/{id}/users?role=teacher": 1,  # the teacher themself
    }


def test_without_a_mystudents_list_the_sections_are_listed_instead(
    stub: StubClever, directory: HttpxCleverDirectory
) -> None:
    school = School(stub)
    stub.serves_my_students = False

    snapshot = directory.teacher_roster(DISTRICT, school.teacher["id"], school.known)

    assert len(snapshot.people) == 12
    assert stub.hits["/users/{id}/mystudents"] == 1
    assert sum(n for k, n in stub.hits.items() if k.startswith("/sections/{id}/users")) == 5


def test_a_single_section_costs_one_people_list(
    stub: StubClever, directory: HttpxCleverDirectory
) -> None:
    teacher, students = TeacherFactory(), StudentFactory.create_batch(3)
    stub.add(teacher, *students, taught_by([teacher], students))

    snapshot = directory.teacher_roster(DISTRICT, teacher["id"], [])

    assert len(snapshot.people) == 4
    assert stub.hits == {"/users/{id}/sections": 1, "/sections/{id}/users": 1}


def test_people_outside_the_teachers_sections_are_left_out(
    stub: StubClever, directory: HttpxCleverDirectory
) -> None:
    school = School(stub)
    stray = StudentFactory()
    stub.add(stray)
    stub.sections[school.own[1]["id"]]["students"].append("ghost-student-id")

    snapshot = directory.teacher_roster(DISTRICT, school.teacher["id"], [])

    assert stray["id"] not in snapshot.people
    assert "ghost-student-id" not in snapshot.people
    assert school.taken_off["id"] not in {s.id for s in snapshot.sections}


def test_a_failure_while_reading_people_fails_the_roster(
    stub: StubClever, directory: HttpxCleverDirectory
) -> None:
    school = School(stub)
    stub.failures[f"/sections/{school.taken_off['id']}/users"] = 503

    with pytest.raises(CleverUnavailable):
        directory.teacher_roster(DISTRICT, school.teacher["id"], school.known)


class RotatingTokens:
    def __init__(self) -> None:
        self.current = {DISTRICT: "old-token"}
        self.forgotten = 0

    def district_tokens(self) -> dict[str, str]:
        return dict(self.current)

    def forget_district_tokens(self) -> None:
        self.forgotten += 1
        self.current = {DISTRICT: "new-token"}


def test_a_refused_district_token_is_refreshed_once(
    clever: respx.MockRouter, stub: StubClever, http: CleverHttp
) -> None:
    teacher = TeacherFactory()
    stub.add(teacher)
    stub.refused_tokens.add("old-token")
    tokens = RotatingTokens()
    directory = HttpxCleverDirectory(API, tokens, http=http)

    snapshot = directory.teacher_roster(DISTRICT, teacher["id"], [])

    assert snapshot.sections == () and tokens.forgotten == 1
    assert clever.calls.last.request.headers["Authorization"] == "Bearer new-token"


def test_a_district_that_shared_nothing_has_no_roster(directory: HttpxCleverDirectory) -> None:
    with pytest.raises(NoDistrictToken) as raised:
        directory.teacher_roster("other-district", "t1", [])
    assert isinstance(raised.value, CleverAuthError)


def test_a_roster_read_logs_counts_but_no_names_emails_or_tokens(
    stub: StubClever, directory: HttpxCleverDirectory, caplog: pytest.LogCaptureFixture
) -> None:
    school = School(stub)
    caplog.set_level("DEBUG")

    directory.teacher_roster(DISTRICT, school.teacher["id"], school.known)

    assert "5 sections" in caplog.text and "12 people" in caplog.text
    people = [school.teacher, school.co_teacher, *school.students]
    for secret in [TOKEN, *(p["email"] for p in people), *(p["name"]["last"] for p in people)]:
        assert secret not in caplog.text
