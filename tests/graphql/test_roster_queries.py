"""A signed-in teacher or student reads classes through GraphQL."""

from __future__ import annotations

import json

import pytest

from tests.graphql.world import GraphWorld, data, error_codes, gql

ROSTER = """{
  viewer {
    id name role cleverLinked premium
    classes {
      id name subject period gradeLevel archived lastSyncedAt studentCount
      teachers { teacher { id name } role connected }
      students { id name gradeLevel joined
        demographics { ellStatus hispanicEthnicity iepStatus frlStatus race gender } }
    }
  }
}"""


def test_teacher_reads_classes_co_teachers_students_grades_and_demographics(
    world: GraphWorld,
) -> None:
    world.grant_district()
    owner, co_teacher, absent = world.teacher(), world.teacher(), world.teacher()
    kids = world.students(2, grade="Kindergarten")
    section = world.section([owner, co_teacher, absent], kids, name="Reading", grade="3")
    world.account(co_teacher)
    account = world.account(owner)
    world.sync(owner)

    viewer = data(world.signed_in(account), ROSTER)["viewer"]

    assert viewer["name"] == owner.name and viewer["role"] == "TEACHER"
    assert viewer["cleverLinked"] is True and viewer["premium"] is True
    (klass,) = viewer["classes"]
    assert (klass["id"], klass["name"], klass["gradeLevel"]) == (section.id, "Reading", "GRADE_3")
    assert klass["studentCount"] == 2 and klass["archived"] is False
    assert klass["lastSyncedAt"] is not None
    teachers = {t["teacher"]["id"]: (t["role"], t["connected"]) for t in klass["teachers"]}
    assert teachers == {
        owner.id: ("OWNER", True),
        co_teacher.id: ("CO_TEACHER", True),
        absent.id: ("CO_TEACHER", False),
    }
    students = {s["id"]: s for s in klass["students"]}
    assert set(students) == {k.id for k in kids}
    first = students[kids[0].id]
    assert first["gradeLevel"] == "KINDERGARTEN" and first["joined"] is False
    assert first["demographics"] == {
        "ellStatus": False,
        "hispanicEthnicity": False,
        "iepStatus": True,
        "frlStatus": "Free",
        "race": "Asian",
        "gender": "F",
    }


def test_every_demographics_read_is_audited_once_per_student(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(3)
    world.section([teacher], kids)
    world.section([teacher], kids[:1], name="Second class")
    account = world.account(teacher)
    world.sync(teacher)

    data(world.signed_in(account), ROSTER)

    audited = sorted((viewer, student) for viewer, student, _ in world.store.demographics_audit)
    assert audited == sorted((account.id, k.id) for k in kids)


def test_roster_read_without_demographics_is_not_audited(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(2))
    account = world.account(teacher)
    world.sync(teacher)

    data(world.signed_in(account), "{ viewer { classes { students { name } } } }")

    assert world.store.demographics_audit == []


def test_unknown_grade_is_null(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(1, grade=""), grade=None)
    account = world.account(teacher)
    world.sync(teacher)

    viewer = data(world.signed_in(account), ROSTER)["viewer"]

    assert viewer["classes"][0]["gradeLevel"] is None
    assert viewer["classes"][0]["students"][0]["gradeLevel"] is None


def test_co_teacher_sees_the_class_once_they_connect_clever(world: GraphWorld) -> None:
    world.grant_district()
    owner, co_teacher = world.teacher(), world.teacher()
    world.section([owner, co_teacher], world.students(1), name="Shared")
    world.account(owner)
    world.sync(owner)
    account = world.account()  # signed up with a password, not connected yet
    client = world.signed_in(account)
    query = "{ viewer { cleverLinked classes { name } } }"

    assert data(client, query)["viewer"] == {"cleverLinked": False, "classes": []}

    world.link(account, co_teacher)

    assert data(client, query)["viewer"] == {"cleverLinked": True, "classes": [{"name": "Shared"}]}


def test_archived_classes_are_listed_only_on_request(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    kept = world.section([teacher], world.students(1), name="Kept")
    world.section([teacher], world.students(1), name="Gone")
    account = world.account(teacher)
    world.sync(teacher)
    world.clever.sections = {kept.id: kept}
    world.sync(teacher)  # 1 of 2 classes archived: at the threshold, not held
    client = world.signed_in(account)

    active = data(client, "{ viewer { classes { name archived } } }")["viewer"]["classes"]
    everything = data(client, "{ viewer { classes(includeArchived: true) { name archived } } }")

    assert active == [{"name": "Kept", "archived": False}]
    assert everything["viewer"]["classes"] == [
        {"name": "Gone", "archived": True},
        {"name": "Kept", "archived": False},
    ]


def test_student_reads_their_classes_and_teachers_but_no_classmate(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    me, classmate = world.students(2)
    section = world.section([teacher], [me, classmate], name="Biology", grade="9")
    world.section([teacher], [classmate], name="Not mine")
    world.sync(teacher)
    account = world.account(me)

    viewer = data(
        world.signed_in(account),
        """{ viewer { role classes { id name gradeLevel studentCount
             teachers { teacher { name } role }
             students { id name demographics { race } }
             rosterHistory { student { id } action } } } }""",
    )["viewer"]

    assert viewer["role"] == "STUDENT"
    (klass,) = viewer["classes"]
    assert (klass["id"], klass["name"], klass["gradeLevel"]) == (section.id, "Biology", "GRADE_9")
    assert klass["teachers"] == [{"teacher": {"name": teacher.name}, "role": "OWNER"}]
    assert klass["students"] == [{"id": me.id, "name": me.name, "demographics": None}]
    assert {e["student"]["id"] for e in klass["rosterHistory"]} == {me.id}
    assert world.store.demographics_audit == []


def test_roster_history_shows_added_dropped_and_restored(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(3)
    section = world.section([teacher], kids)
    account = world.account(teacher)
    first = world.sync(teacher)
    world.change_section(section.id, student_ids=tuple(k.id for k in kids[1:]))
    dropped = world.sync(teacher)

    history = data(
        world.signed_in(account),
        "query($id: ID!) { class(id: $id) { rosterHistory { student { id name } action syncRunId } } }",
        id=section.id,
    )["class"]["rosterHistory"]

    assert [e for e in history if e["student"]["id"] == kids[0].id] == [
        {
            "student": {"id": kids[0].id, "name": kids[0].name},
            "action": "ADDED",
            "syncRunId": str(first.id),
        },
        {
            "student": {"id": kids[0].id, "name": kids[0].name},
            "action": "DROPPED",
            "syncRunId": str(dropped.id),
        },
    ]


def test_viewer_is_null_for_anonymous(world: GraphWorld) -> None:
    assert data(world.client(), "{ viewer { id } }") == {"viewer": None}


def test_sync_runs_newest_first(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    account = world.account(teacher)
    runs = [world.sync(teacher), world.sync(teacher)]

    listed = data(world.signed_in(account), "{ viewer { syncRuns(first: 1) { id status } } }")

    assert listed["viewer"]["syncRuns"] == [{"id": str(runs[1].id), "status": "SUCCEEDED"}]


ONE_CLASS = "query($id: ID!) { class(id: $id) { students { name demographics { race } } } }"


def test_demographics_are_withheld_when_their_audit_cannot_be_written(
    world: GraphWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.grant_district()
    teacher = world.teacher()
    section = world.section([teacher], world.students(2))
    account = world.account(teacher)
    world.sync(teacher)
    client = world.signed_in(account)

    def refuse(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(
        world.deps.demographics_audit.recorder, "record_demographics_access", refuse
    )
    for query, variables in ((ROSTER, {}), (ONE_CLASS, {"id": section.id})):
        body = gql(client, query, **variables)

        assert not any(body["data"].values()) if body["data"] else True
        assert "Asian" not in json.dumps(body)  # no demographics shown
        assert error_codes(body) == ["SERVICE_UNAVAILABLE"]
        assert "could not be written" in body["errors"][0]["message"]
    assert world.store.demographics_audit == []
    # The same roster without demographics is still answered.
    names = data(client, "{ viewer { classes { students { name } } } }")
    assert len(names["viewer"]["classes"][0]["students"]) == 2


def test_demographics_asked_for_in_fragments_are_shown_and_audited(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(2)
    world.section([teacher], kids)
    account = world.account(teacher)
    world.sync(teacher)
    client = world.signed_in(account)
    query = """
      fragment Shared on Student { demographics { race } }
      { viewer { classes { students { id ... on Student { ...Shared } } } } }
    """

    students = data(client, query)["viewer"]["classes"][0]["students"]

    assert all(s["demographics"]["race"] == "Asian" for s in students)
    audited = {student for _, student, _ in world.store.demographics_audit}
    assert audited == {k.id for k in kids}
