"""Class.explainStudent over HTTP: what a teacher, a student and an outsider get."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from starlette.testclient import TestClient

from domain.snapshot import CleverPerson
from tests.graphql.world import GraphWorld, data, error_codes, gql

EXPLAIN = """query($id: ID!, $search: String!) { class(id: $id) {
    explainStudent(search: $search) { kind message student { id name } since } } }"""


@dataclass
class Classes:
    world: GraphWorld
    mine: str
    pupil: CleverPerson
    neighbour_pupil: CleverPerson
    teacher: TestClient
    student: TestClient

    def explain(self, client: TestClient, search: str) -> list[dict]:
        answer = data(client, EXPLAIN, id=self.mine, search=search)["class"]
        return answer["explainStudent"] if answer else []


@pytest.fixture
def classes(world: GraphWorld) -> Classes:
    world.grant_district()
    owner, neighbour = world.teacher(), world.teacher()
    pupil = world.students(1, name="Ada Lovelace")[0]
    neighbour_pupil = world.students(1, name="Grace Hopper")[0]
    mine = world.section([owner], [pupil, *world.students(2)], name="Mine")
    world.section([neighbour], [neighbour_pupil], name="Theirs")
    world.sync(owner)
    world.sync(neighbour)
    teacher = world.signed_in(world.account(owner))
    student = world.signed_in(world.account(pupil))
    return Classes(world, mine.id, pupil, neighbour_pupil, teacher, student)


def test_the_teacher_learns_why_and_since_when(classes: Classes) -> None:
    [answer] = classes.explain(classes.teacher, "ada")

    assert answer["kind"] == "IN_CLASS"  # the pupil signed in (and so joined) above
    assert answer["student"] == {"id": classes.pupil.id, "name": "Ada Lovelace"}
    assert answer["since"] is not None
    assert "Ada Lovelace" in answer["message"]


def test_a_dropped_student_is_explained_with_a_live_look(classes: Classes) -> None:
    world = classes.world
    section = world.clever.sections[classes.mine]
    rest = tuple(s for s in section.student_ids if s != classes.pupil.id)
    world.change_section(classes.mine, student_ids=rest)
    owner = world.clever.people[section.teacher_id or ""]
    world.sync(owner)

    [answer] = classes.explain(classes.teacher, classes.pupil.id)

    assert answer["kind"] == "DROPPED_BY_CLEVER"
    assert "still does not list them" in answer["message"]


def test_a_neighbours_student_reads_exactly_as_a_made_up_name(classes: Classes) -> None:
    made_up = classes.explain(classes.teacher, "Zebulon Quackenbush")

    assert classes.explain(classes.teacher, "Grace Hopper") == made_up
    assert classes.explain(classes.teacher, classes.neighbour_pupil.id) == made_up
    assert [a["kind"] for a in made_up] == ["NO_MATCH"]
    assert made_up[0]["student"] is None and made_up[0]["since"] is None


def test_a_student_of_the_class_gets_no_explanation(classes: Classes) -> None:
    assert classes.explain(classes.student, "ada") == []


def test_outsiders_do_not_reach_the_class(classes: Classes) -> None:
    world = classes.world
    stranger = world.signed_in(world.account(world.teacher()))

    body = gql(stranger, EXPLAIN, id=classes.mine, search="ada")
    anonymous = gql(world.client(), EXPLAIN, id=classes.mine, search="ada")

    assert body["data"] == {"class": None}
    assert "Ada" not in str(body)
    assert error_codes(anonymous) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize("search", ["", "a", "x" * 201])
def test_a_search_no_one_could_match_is_a_bad_user_input(classes: Classes, search: str) -> None:
    body = gql(classes.teacher, EXPLAIN, id=classes.mine, search=search)

    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["message"]


def test_when_clever_cannot_be_reached_the_stored_answer_says_so(classes: Classes) -> None:
    classes.world.clever.failing = True

    [answer] = classes.explain(classes.teacher, "Ada Lovelace")

    assert answer["kind"] == "IN_CLASS"
    assert answer["message"].endswith("Clever could not be reached just now.")


def test_only_one_explanation_per_request_asks_clever(classes: Classes) -> None:
    clever = classes.world.clever
    query = """query($id: ID!) { class(id: $id) {
        a: explainStudent(search: "Ada") { message }
        b: explainStudent(search: "Ada") { message }
        c: explainStudent(search: "Ada") { message } } }"""
    before = clever.requests

    answer = data(classes.teacher, query, id=classes.mine)["class"]

    assert clever.requests - before == 1  # the section; Ada is listed, so not her record
    assert not answer["a"][0]["message"].endswith("at a time.")
    for alias in ("b", "c"):
        assert answer[alias][0]["message"].endswith("ask about one class at a time.")
