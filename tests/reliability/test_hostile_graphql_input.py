"""Hand-picked hostile arguments (NUL, lone surrogates, control characters, 10,000 characters,
ids of the wrong shape) to every argument of the API: each gets a clear answer, never a crash."""

from __future__ import annotations

import pytest

from graphql_api.schema import MASKED_MESSAGE
from tests.reliability.clever_changes import sections_of
from tests.reliability.live_app import LiveProduct, graphql

HOSTILE_IDS = ["\x00", "64e0\x00", "\ud800", "x" * 10_000, "", " ", "-1", "1e9", "../1", "'; --"]
CLASS = "query($id: ID!) { class(id: $id) { id name } }"
RUN = "query($id: ID!) { syncRun(id: $id) { id } }"
APPROVE = """mutation($id: ID!) { approveHeldSync(syncRunId: $id) { __typename } }"""
RENAME = "mutation($id: ID!, $name: String!) { renameClass(id: $id, name: $name) { id name } }"


@pytest.mark.parametrize("hostile", HOSTILE_IDS, ids=repr)
@pytest.mark.parametrize("document", [CLASS, RUN, APPROVE], ids=["class", "syncRun", "approve"])
def test_a_hostile_id_finds_nothing(live: LiveProduct, document: str, hostile: str) -> None:
    body = graphql(live.browsers["teacher"], document, id=hostile)

    assert "errors" not in body, body
    (answer,) = body["data"].values()
    assert answer is None or answer == {"__typename": "NotFound"}


@pytest.mark.parametrize("hostile", HOSTILE_IDS, ids=repr)
def test_renaming_a_class_by_a_hostile_id_renames_nothing(live: LiveProduct, hostile: str) -> None:
    body = graphql(live.browsers["teacher"], RENAME, id=hostile, name="Taken over")

    assert body == {"data": {"renameClass": None}}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Period\x00 1", "control characters"),
        ("Period \ud800", "control characters"),
        ("Bell\x07", "control characters"),
        ("\x1b[2J\x1b[31mRed", "control characters"),
        ("Class \u202eexe.txt", "text-direction overrides"),
        ("n" * 10_000, "at most 255"),
        (" \t ", "cannot be empty"),
    ],
    ids=["NUL", "lone surrogate", "bell", "ANSI escape", "RLO", "10,000 characters", "blank"],
)
def test_a_hostile_class_name_is_refused_clearly(
    live: LiveProduct, name: str, message: str
) -> None:
    section = own_class(live)

    body = graphql(live.browsers["teacher"], RENAME, id=section, name=name)

    (error,) = body["errors"]
    assert error["message"] != MASKED_MESSAGE
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]


@pytest.mark.parametrize(
    "name",
    ["\u200f\u05e9\u05d9\u05e2\u05d5\u05e8\u200f", "👩\u200d🏫 Writing", "Zo\u0308e's class"],
    ids=repr,
)
def test_odd_but_valid_class_names_are_kept(live: LiveProduct, name: str) -> None:
    section = own_class(live)

    body = graphql(live.browsers["teacher"], RENAME, id=section, name=name)

    assert body == {"data": {"renameClass": {"id": section, "name": name}}}


def own_class(live: LiveProduct) -> str:
    assert live.school is not None
    return str(sections_of(live.clever.sandbox, live.school.teacher)[0]["id"])


KEEP_OUT = """mutation($id: ID!, $student: ID!) {
    keepStudentOut(classId: $id, studentId: $student) { id } }"""
KEEP_IN = """mutation($id: ID!, $student: ID!, $until: Date) {
    keepStudentIn(classId: $id, studentId: $student, until: $until) { id } }"""
SYNC_MODE = """mutation($id: ID!) { setClassSyncMode(classId: $id, mode: PAUSED) { id } }"""


@pytest.mark.parametrize("hostile", HOSTILE_IDS, ids=repr)
def test_a_hostile_id_makes_no_decision(live: LiveProduct, hostile: str) -> None:
    section = own_class(live)
    for document, variables in (
        (SYNC_MODE, {"id": hostile}),
        (KEEP_OUT, {"id": hostile, "student": "s" * 24}),
        (KEEP_OUT, {"id": section, "student": hostile}),
        (KEEP_IN, {"id": section, "student": hostile}),
    ):
        body = graphql(live.browsers["teacher"], document, **variables)

        (error,) = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", body
        assert error["message"] != MASKED_MESSAGE
    decisions = "query($id: ID!) { class(id: $id) { syncMode exceptions { kind } } }"
    seen = graphql(live.browsers["teacher"], decisions, id=section)["data"]["class"]
    assert seen == {"syncMode": "FOLLOW_CLEVER", "exceptions": []}


@pytest.mark.parametrize("until", ["2026-13-45", "tomorrow", "x" * 10_000, "\x00", "1999-01-01"])
def test_a_hostile_keep_in_date_is_refused_clearly(live: LiveProduct, until: str) -> None:
    section = own_class(live)
    student = sections_of(live.clever.sandbox, live.school.teacher)[0]["students"][0]  # type: ignore[union-attr]

    body = graphql(live.browsers["teacher"], KEEP_IN, id=section, student=student, until=until)

    (error,) = body["errors"]
    assert error["message"] != MASKED_MESSAGE
    assert body.get("data") in (None, {"keepStudentIn": None})
