"""Sync with Clever, preview, approve a held sync and rename, through GraphQL."""

from __future__ import annotations

from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from tests.graphql.world import GraphWorld, data, error_codes, gql

SYNC = """mutation { syncWithClever { __typename
  ... on SyncRun { id status trigger classesCreated studentsEnrolled studentsDropped
                   coTeachersAdded problems { recordType cleverId field message } runMessage: message }
  ... on CleverNotLinked { message }
  ... on PremiumRequired { message }
  ... on SyncAlreadyRunning { message syncRun { id status } }
  ... on NotFound { message } } }"""

PREVIEW = """mutation { previewCleverSync { __typename
  ... on ChangeSet { classesCreated studentsEnrolled studentsDropped createdClassNames
                     archivedClassNames held holds
                     classChanges { classId name studentsEnrolled studentsDropped } }
  ... on CleverNotLinked { message }
  ... on PremiumRequired { message }
  ... on NotFound { message } } }"""

APPROVE = """mutation($id: ID!) { approveHeldSync(syncRunId: $id) { __typename
  ... on SyncRun { id status trigger studentsDropped }
  ... on NotFound { message } ... on CleverNotLinked { message } } }"""

RENAME = "mutation($id: ID!, $name: String!) { renameClass(id: $id, name: $name) { id name } }"
CLASSES = "{ viewer { classes { id name studentCount } } }"


def test_sync_with_clever_creates_the_teachers_classes(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(3), name="Algebra")
    client = world.signed_in(world.account(teacher))

    result = data(client, SYNC)["syncWithClever"]

    assert result["__typename"] == "SyncRun"
    assert (result["status"], result["trigger"]) == ("SUCCEEDED", "MANUAL")
    assert (result["classesCreated"], result["studentsEnrolled"]) == (1, 3)
    assert data(client, CLASSES)["viewer"]["classes"][0]["name"] == "Algebra"
    assert data(client, "{ viewer { syncRuns { id } } }")["viewer"]["syncRuns"] == [
        {"id": result["id"]}
    ]


def test_sync_problems_are_reported_on_the_run(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    odd = world.students(1, grade="Year 7")
    world.section([teacher], odd)
    client = world.signed_in(world.account(teacher))

    result = data(client, SYNC)["syncWithClever"]

    assert result["status"] == "PARTIAL"
    assert result["problems"] == [
        {
            "recordType": "student",
            "cleverId": odd[0].id,
            "field": "grade",
            "message": "unknown grade level 'Year 7'",
        }
    ]


def test_sync_without_clever_is_clever_not_linked(world: GraphWorld) -> None:
    world.grant_district()
    client = world.signed_in(world.account())

    result = data(client, SYNC)["syncWithClever"]

    assert result == {
        "__typename": "CleverNotLinked",
        "message": "Connect your Clever account to sync classes.",
    }


def test_sync_without_premium_is_premium_required_and_creates_nothing(world: GraphWorld) -> None:
    teacher = world.teacher()
    world.section([teacher], world.students(2))
    client = world.signed_in(world.account(teacher))

    result = data(client, SYNC)["syncWithClever"]

    assert result["__typename"] == "PremiumRequired"
    assert "Premium" in result["message"]
    assert data(client, CLASSES)["viewer"]["classes"] == []
    assert data(client, "{ viewer { premium } }")["viewer"]["premium"] is False


def test_second_sync_while_one_runs_joins_it(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    client = world.signed_in(world.account(teacher))
    with world.services.uow() as uow:
        running = uow.sync_runs.add(
            SyncRun(
                None,
                teacher.id,
                teacher.district_id,
                SyncTrigger.MANUAL,
                SyncStatus.RUNNING,
                world.clock.now(),
            )
        )
        uow.commit()

    result = data(client, SYNC)["syncWithClever"]

    assert result["__typename"] == "SyncAlreadyRunning"
    assert result["syncRun"] == {"id": str(running.id), "status": "RUNNING"}
    assert data(client, CLASSES)["viewer"]["classes"] == []


def test_preview_shows_the_changes_and_applies_nothing_until_synced(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(4)
    section = world.section([teacher], kids, name="Chemistry")
    client = world.signed_in(world.account(teacher))

    preview = data(client, PREVIEW)["previewCleverSync"]

    assert preview["__typename"] == "ChangeSet"
    assert (preview["classesCreated"], preview["studentsEnrolled"]) == (1, 4)
    assert preview["createdClassNames"] == ["Chemistry"]
    assert preview["classChanges"] == [
        {"classId": section.id, "name": "Chemistry", "studentsEnrolled": 4, "studentsDropped": 0}
    ]
    assert preview["held"] is False
    assert data(client, CLASSES)["viewer"]["classes"] == []

    run = data(client, SYNC)["syncWithClever"]

    assert (run["classesCreated"], run["studentsEnrolled"]) == (1, 4)
    assert data(client, CLASSES)["viewer"]["classes"][0]["studentCount"] == 4


def test_preview_refusals(world: GraphWorld) -> None:
    unlinked = world.signed_in(world.account())
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    unlicensed = world.signed_in(world.account(teacher))

    assert data(unlinked, PREVIEW)["previewCleverSync"]["__typename"] == "CleverNotLinked"
    assert data(unlicensed, PREVIEW)["previewCleverSync"]["__typename"] == "PremiumRequired"


def test_preview_when_clever_is_down_is_a_clear_error(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    client = world.signed_in(world.account(teacher))
    world.clever.failing = True

    body = gql(client, PREVIEW)

    assert body["data"] is None
    assert error_codes(body) == ["SERVICE_UNAVAILABLE"]
    assert "Clever could not be reached" in body["errors"][0]["message"]


def test_held_mass_drop_is_previewed_held_then_approved(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(4)
    section = world.section([teacher], kids, name="Physics")
    client = world.signed_in(world.account(teacher))
    data(client, SYNC)
    world.change_section(section.id, student_ids=(kids[0].id,))
    world.clock.advance(minutes=5)

    preview = data(client, PREVIEW)["previewCleverSync"]
    held = data(client, SYNC)["syncWithClever"]

    assert preview["held"] is True
    assert preview["holds"] == ["would drop 3 of 4 students from Physics"]
    assert preview["classChanges"][0]["studentsDropped"] == 3
    assert held["status"] == "HELD" and held["runMessage"] == preview["holds"][0]
    assert data(client, CLASSES)["viewer"]["classes"][0]["studentCount"] == 4

    approved = data(client, APPROVE, id=held["id"])["approveHeldSync"]

    assert approved["__typename"] == "SyncRun"
    assert (approved["status"], approved["studentsDropped"]) == ("SUCCEEDED", 3)
    assert data(client, CLASSES)["viewer"]["classes"][0]["studentCount"] == 1


def test_approving_a_run_that_is_not_held_is_not_found(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    client = world.signed_in(world.account(teacher))
    run = data(client, SYNC)["syncWithClever"]

    for run_id in (run["id"], "999999", "not-a-number"):
        result = data(client, APPROVE, id=run_id)["approveHeldSync"]
        assert result["__typename"] == "NotFound", run_id


def test_rename_keeps_across_sync(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    section = world.section([teacher], world.students(2), name="Period 3 Math")
    client = world.signed_in(world.account(teacher))
    data(client, SYNC)

    renamed = data(client, RENAME, id=section.id, name="  Algebra   Ninjas ")["renameClass"]
    world.change_section(section.id, name="Period 3 Mathematics")
    world.clock.advance(hours=1)
    data(client, SYNC)

    assert renamed == {"id": section.id, "name": "Algebra Ninjas"}
    assert data(client, CLASSES)["viewer"]["classes"][0]["name"] == "Algebra Ninjas"


def test_rename_with_an_invalid_name_is_a_clear_error(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    section = world.section([teacher], world.students(1), name="Art")
    client = world.signed_in(world.account(teacher))
    data(client, SYNC)

    for name, expected in (("   ", "cannot be empty"), ("x" * 256, "at most 255")):
        body = gql(client, RENAME, id=section.id, name=name)
        assert body["data"] == {"renameClass": None}
        assert error_codes(body) == ["BAD_USER_INPUT"]
        assert expected in body["errors"][0]["message"]
    assert data(client, CLASSES)["viewer"]["classes"][0]["name"] == "Art"


def test_rename_of_an_unknown_class_is_null(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    client = world.signed_in(world.account(teacher))
    data(client, SYNC)

    assert data(client, RENAME, id="c-unknown", name="Mine now") == {"renameClass": None}


def test_sync_runs_are_counted_in_metrics(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    app = world.app
    client = world.signed_in(world.account(teacher), app)

    data(client, SYNC)
    text = client.get("/metrics").text

    assert 'rostersync_sync_runs_total{status="succeeded"} 1.0' in text
    assert "rostersync_sync_duration_seconds_count 1.0" in text


THROTTLED = """mutation { syncWithClever { __typename
  ... on SyncRun { id status finishedAt nextSyncAllowedAt }
  ... on SyncAlreadyRunning { syncRun { id } } } }"""


def test_three_clients_of_one_teacher_pressing_sync_get_one_run(world: GraphWorld) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(2))
    account = world.account(teacher)
    clients = [world.signed_in(account) for _ in range(3)]
    first = data(clients[0], THROTTLED)["syncWithClever"]

    answers = [data(c, THROTTLED)["syncWithClever"] for _ in range(10) for c in clients]

    assert first["status"] == "SUCCEEDED"
    assert (
        first["nextSyncAllowedAt"] is not None and first["nextSyncAllowedAt"] > first["finishedAt"]
    )
    assert {a["id"] for a in answers} == {first["id"]}
    assert {a["nextSyncAllowedAt"] for a in answers} == {first["nextSyncAllowedAt"]}
    assert len(world.store.sync_runs) == 1

    world.clock.advance(seconds=30)
    later = data(clients[1], THROTTLED)["syncWithClever"]

    assert later["id"] != first["id"] and later["status"] == "SUCCEEDED"
