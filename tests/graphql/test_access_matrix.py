"""Every query and mutation, asked by everyone who must not see a class, reveals nothing of it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from domain.accounts import Role
from tests.graphql.world import OTHER_DISTRICT, GraphWorld, error_codes, gql

CLASS_NAME = "Private Class A"
CLASSMATE = "Classmate Secret-Name"
ME = "Student Me-Name"

OPERATIONS = {
    "class": """query($a: ID!) { class(id: $a) { id name studentCount
        students { id name demographics { race } } rosterHistory { student { name } }
        teachers { teacher { name } } } }""",
    "explainStudent": """query($a: ID!) { class(id: $a) { id name students { name }
        explainStudent(search: "Classmate Secret") { kind message student { id name } } } }""",
    "syncRun": "query($run: ID!) { syncRun(id: $run) { id status classesCreated } }",
    "viewer": """query { viewer { classes(includeArchived: true) {
        id name students { name } } syncRuns { id } } }""",
    "syncWithClever": """mutation { syncWithClever { __typename
        ... on SyncRun { id classesCreated } ... on CleverNotLinked { message } } }""",
    "previewCleverSync": """mutation { previewCleverSync { __typename
        ... on ChangeSet { createdClassNames archivedClassNames classChanges { classId name } }
        ... on CleverNotLinked { message } } }""",
    "approveHeldSync": """mutation($run: ID!) { approveHeldSync(syncRunId: $run) {
        __typename ... on SyncRun { id } ... on NotFound { message }
        ... on CleverNotLinked { message } } }""",
    "renameClass": """mutation($a: ID!) { renameClass(id: $a, name: "Hijacked") {
        id name } }""",
    "keepClassAfterTerm": """mutation($a: ID!) { keepClassAfterTerm(classId: $a, keep: true) {
        id name keptAfterTerm term { name } } }""",
    "classDecisions": """query($a: ID!) { class(id: $a) { id syncMode waitingChanges
        exceptions { student { id name } kind madeBy { name } } } }""",
    "setClassSyncMode": """mutation($a: ID!) { setClassSyncMode(classId: $a, mode: PAUSED) {
        id name syncMode } }""",
    "keepStudentOut": """mutation($a: ID!, $s: ID!) { keepStudentOut(classId: $a, studentId: $s) {
        id name students { name } } }""",
    "keepStudentIn": """mutation($a: ID!, $s: ID!) { keepStudentIn(classId: $a, studentId: $s) {
        id name exceptions { student { name } } } }""",
    "clearStudentException": """mutation($a: ID!, $s: ID!) {
        clearStudentException(classId: $a, studentId: $s) { id name } }""",
}
QUERIES = {"class", "explainStudent", "syncRun", "viewer"}
# What only the class's teachers read: a student of the class is refused.
TEACHERS_ONLY_QUERIES = {"classDecisions"}


@dataclass
class Campus:
    world: GraphWorld
    class_id: str
    run_id: str
    clients: dict[str, TestClient]
    classmate_id: str

    def ask(self, principal: str, operation: str) -> dict[str, Any]:
        document = OPERATIONS[operation]
        given = {"a": self.class_id, "run": self.run_id, "s": self.classmate_id}
        used = {name: value for name, value in given.items() if f"${name}" in document}
        return gql(self.clients[principal], document, **used)

    def stored_name(self) -> str:
        return self.world.store.classes[self.class_id].name

    def kept(self) -> bool:
        return self.world.store.classes[self.class_id].kept_after_term

    def undecided(self) -> bool:
        store = self.world.store
        return self.class_id not in store.modes and not store.exceptions.get(self.class_id)


@pytest.fixture
def campus(world: GraphWorld) -> Campus:
    world.grant_district()
    world.grant_district(OTHER_DISTRICT)
    owner, co_teacher, neighbour = world.teacher(), world.teacher(), world.teacher()
    far_away = world.teacher(district_id=OTHER_DISTRICT)
    me = world.students(1, name=ME)[0]
    classmate = world.students(1, name=CLASSMATE)[0]
    section = world.section([owner, co_teacher], [me, classmate], name=CLASS_NAME)
    world.section([neighbour], world.students(1), name="Neighbour's class")
    world.section([far_away], world.students(1, district_id=OTHER_DISTRICT), name="Far class")
    run = world.sync(owner)
    world.sync(neighbour)
    world.sync(far_away)
    accounts = {
        "owner": world.account(owner),
        "student": world.account(me),
        "unconnected co-teacher": world.account(role=Role.TEACHER),
        "teacher of another class": world.account(neighbour),
        "teacher of another district": world.account(far_away),
    }
    clients = {name: world.signed_in(account) for name, account in accounts.items()}
    clients["anonymous"] = world.client()
    return Campus(world, section.id, str(run.id), clients, classmate.id)


OUTSIDERS = [
    "anonymous",
    "unconnected co-teacher",
    "teacher of another class",
    "teacher of another district",
]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("principal", OUTSIDERS)
def test_outsiders_see_nothing_of_the_class(campus: Campus, principal: str, operation: str) -> None:
    body = campus.ask(principal, operation)
    text = json.dumps(body)

    for secret in (CLASS_NAME, campus.class_id, CLASSMATE, ME):
        assert secret not in text, (principal, operation, body)
    assert campus.stored_name() == CLASS_NAME
    assert not campus.kept()
    assert campus.undecided()
    if principal == "anonymous" and operation != "viewer":
        assert error_codes(body) == ["UNAUTHENTICATED"]
    if operation == "syncRun":
        assert body["data"] in (None, {"syncRun": None})


@pytest.mark.parametrize("operation", sorted(QUERIES))
def test_student_sees_their_class_but_no_classmate_and_no_run(
    campus: Campus, operation: str
) -> None:
    body = campus.ask("student", operation)
    text = json.dumps(body)

    assert CLASSMATE not in text
    assert "Asian" not in text  # no demographics, not even their own
    assert "errors" not in body
    if operation == "explainStudent":
        assert body["data"]["class"]["explainStudent"] == []
    if operation != "syncRun":
        assert CLASS_NAME in text and ME in text
    else:
        assert body["data"] == {"syncRun": None}


@pytest.mark.parametrize("operation", sorted(TEACHERS_ONLY_QUERIES))
def test_student_never_sees_the_teachers_decisions(campus: Campus, operation: str) -> None:
    campus.ask("owner", "keepStudentOut")  # there is a decision to hide
    body = campus.ask("student", operation)

    assert "errors" not in body
    assert body["data"]["class"] == {
        "id": campus.class_id,
        "syncMode": None,
        "waitingChanges": [],
        "exceptions": [],
    }


@pytest.mark.parametrize("operation", sorted(set(OPERATIONS) - QUERIES - TEACHERS_ONLY_QUERIES))
def test_student_mutations_are_refused(campus: Campus, operation: str) -> None:
    body = campus.ask("student", operation)

    assert error_codes(body) == ["FORBIDDEN"]
    assert body["errors"][0]["message"] == "Only teachers can do this."
    assert campus.stored_name() == CLASS_NAME
    assert not campus.kept()
    assert campus.undecided()


@pytest.mark.parametrize(
    "operation",
    [
        "class",
        "explainStudent",
        "syncRun",
        "viewer",
        "renameClass",
        "classDecisions",
        "setClassSyncMode",
        "keepClassAfterTerm",
    ],
)
def test_the_owner_sees_what_the_others_cannot(campus: Campus, operation: str) -> None:
    body = campus.ask("owner", operation)
    text = json.dumps(body)

    assert "errors" not in body
    assert campus.class_id in text or campus.run_id in text
    if operation == "class":
        assert CLASSMATE in text and ME in text and "Asian" in text
    if operation == "keepClassAfterTerm":
        assert body["data"]["keepClassAfterTerm"]["keptAfterTerm"] is True
        assert campus.kept()
    if operation == "explainStudent":
        [answer] = body["data"]["class"]["explainStudent"]
        assert answer["student"]["name"] == CLASSMATE


def test_an_unconnected_co_teacher_gains_the_class_by_connecting(campus: Campus) -> None:
    world = campus.world
    co_teacher_id = next(
        t for t in world.store.teachers_of[campus.class_id] if not world.store.teachers[t].connected
    )
    account = next(a for a in world.store.accounts.values() if a.clever_id is None)
    world.link(account, world.clever.people[co_teacher_id])

    body = campus.ask("unconnected co-teacher", "class")

    assert body["data"]["class"]["name"] == CLASS_NAME
    assert {s["name"] for s in body["data"]["class"]["students"]} == {ME, CLASSMATE}
