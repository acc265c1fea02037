"""Teachers' decisions through GraphQL: made, shown to every teacher of the class, obeyed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from domain.snapshot import CleverPerson, CleverSection
from tests.graphql.world import GraphWorld, data, error_codes, gql

DECISIONS = """query($id: ID!) { class(id: $id) { name syncMode waitingChanges
  students { id name }
  exceptions { student { id name } kind until madeBy { id name } madeAt } } }"""
MODE = """mutation($id: ID!, $mode: ClassSyncMode!) {
  setClassSyncMode(classId: $id, mode: $mode) { id syncMode } }"""
OUT = """mutation($id: ID!, $s: ID!) { keepStudentOut(classId: $id, studentId: $s) {
  id students { id } exceptions { kind student { id } } } }"""
IN = """mutation($id: ID!, $s: ID!, $until: Date) {
  keepStudentIn(classId: $id, studentId: $s, until: $until) { id exceptions { kind until } } }"""
CLEAR = """mutation($id: ID!, $s: ID!) { clearStudentException(classId: $id, studentId: $s) {
  id exceptions { kind } } }"""
SYNC = """mutation { syncWithClever { __typename ... on SyncRun { status
  studentsEnrolled studentsRestored changesSkippedByDecisions } } }"""
PREVIEW = """mutation { previewCleverSync { __typename ... on ChangeSet {
  changesSkippedByDecisions skippedChanges { classId className message } } } }"""


class Room:
    def __init__(self, world: GraphWorld) -> None:
        world.grant_district()
        self.world = world
        self.owner, self.co_teacher = world.teacher(), world.teacher()
        self.pupils = world.students(3)
        self.section: CleverSection = world.section(
            [self.owner, self.co_teacher], self.pupils, name="Algebra"
        )
        world.sync(self.owner)
        world.clock.advance(minutes=5)  # later on: "Sync with Clever" may run again
        self.client = world.signed_in(world.account(self.owner))
        self.co_client = world.signed_in(world.account(self.co_teacher))

    def ask(self, query: str, client: TestClient | None = None, **kw: object) -> dict[str, object]:
        return data(client or self.client, query, id=self.section.id, **kw)


@pytest.fixture
def room(world: GraphWorld) -> Room:
    return Room(world)


def _ids(people: list[CleverPerson]) -> list[str]:
    return sorted(p.id for p in people)


def test_a_student_kept_out_stays_out_and_every_teacher_sees_who_decided(room: Room) -> None:
    ana = room.pupils[0]
    removed = room.ask(OUT, s=ana.id)["keepStudentOut"]
    assert ana.id not in [s["id"] for s in removed["students"]]  # type: ignore[index]

    synced = data(room.client, SYNC)["syncWithClever"]
    assert synced["changesSkippedByDecisions"] == 1 and synced["studentsRestored"] == 0

    seen = room.ask(DECISIONS, room.co_client)["class"]
    assert sorted(s["id"] for s in seen["students"]) == _ids(room.pupils[1:])  # type: ignore[index]
    [exception] = seen["exceptions"]  # type: ignore[index]
    assert exception["kind"] == "KEEP_OUT" and exception["student"]["name"] == ana.name
    assert exception["madeBy"] == {"id": room.owner.id, "name": room.owner.name}
    assert exception["until"] is None and exception["madeAt"]

    preview = data(room.client, PREVIEW)["previewCleverSync"]
    assert preview["skippedChanges"] == [
        {
            "classId": room.section.id,
            "className": "Algebra",
            "message": f"Clever lists {ana.name}; kept out by your decision",
        }
    ]

    cleared = room.ask(CLEAR, room.co_client, s=ana.id)["clearStudentException"]
    assert cleared["exceptions"] == []  # type: ignore[index]
    room.world.clock.advance(minutes=5)
    assert data(room.client, SYNC)["syncWithClever"]["studentsRestored"] == 1


def test_a_paused_class_waits_and_resuming_catches_up(room: Room) -> None:
    world = room.world
    assert room.ask(MODE, mode="PAUSED")["setClassSyncMode"]["syncMode"] == "PAUSED"  # type: ignore[index]
    world.change_section(room.section.id, name="Geometry", student_ids=(room.pupils[0].id,))
    data(room.client, SYNC)

    paused = room.ask(DECISIONS)["class"]
    assert paused["name"] == "Algebra" and len(paused["students"]) == 3  # type: ignore[index,arg-type]
    assert paused["waitingChanges"] == ["Clever renamed it “Geometry”", "2 students to drop"]  # type: ignore[index]

    resumed = room.ask(MODE, room.co_client, mode="ADD_ONLY")["setClassSyncMode"]
    assert resumed["syncMode"] == "ADD_ONLY"  # type: ignore[index]
    caught_up = room.ask(DECISIONS)["class"]
    assert caught_up["name"] == "Geometry" and caught_up["waitingChanges"] == []  # type: ignore[index]
    assert len(caught_up["students"]) == 3  # type: ignore[index,arg-type]


def test_keep_in_takes_a_date_that_is_not_past(room: Room) -> None:
    today = room.world.clock.today()
    kept = room.ask(IN, s=room.pupils[0].id, until=str(today + timedelta(days=7)))
    assert kept["keepStudentIn"]["exceptions"] == [  # type: ignore[index]
        {"kind": "KEEP_IN", "until": str(today + timedelta(days=7))}
    ]

    body = gql(
        room.client,
        IN,
        id=room.section.id,
        s=room.pupils[1].id,
        until=str(today - timedelta(days=1)),
    )
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "future" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (OUT, {"id": "c" * 24, "s": "s" * 24}, "You teach no class with that id."),
        (OUT, {"s": "nobody"}, "never been on this class's roster"),
        (CLEAR, {"s": "nobody"}, "no decision about that student"),
        (OUT, {"s": "x" * 65}, "No student with that id."),
        (MODE, {"id": "\x00", "mode": "PAUSED"}, "You teach no class with that id."),
    ],
)
def test_bad_input_gets_a_clear_error(
    room: Room, query: str, variables: dict[str, object], message: str
) -> None:
    given = {"id": room.section.id, **variables}
    body = gql(room.client, query, **given)

    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert message in body["errors"][0]["message"]
    assert room.ask(DECISIONS)["class"]["exceptions"] == []  # type: ignore[index]


def test_a_student_never_sees_decisions(room: Room) -> None:
    room.ask(OUT, s=room.pupils[0].id)
    room.ask(MODE, mode="PAUSED")
    pupil = room.world.signed_in(room.world.account(room.pupils[1]))

    query = (
        "query($id: ID!) { class(id: $id) { name syncMode waitingChanges exceptions { kind } } }"
    )
    seen = data(pupil, query, id=room.section.id)["class"]
    assert seen == {"name": "Algebra", "syncMode": None, "waitingChanges": [], "exceptions": []}
