"""The directory against the Clever sandbox over real HTTP: bulk pulls, paging, a teacher's roster."""

from __future__ import annotations

import math

import pytest

from adapters.clever import CleverHttp
from clever_sandbox.server import RunningSandbox
from tests.clever.conftest import sandbox_directory
from tests.clever.districts import whole_district


def served(running: RunningSandbox) -> dict[str, int]:
    return running.sandbox.requests.by_endpoint


def test_a_district_pull_matches_the_sandbox_in_four_requests(
    sandbox: RunningSandbox, http: CleverHttp
) -> None:
    clever = sandbox.sandbox
    district = clever.districts[0]
    clever.requests.reset()

    snapshot = whole_district(sandbox_directory(sandbox, http), district)

    assert {s.id for s in snapshot.sections} == {s["id"] for s in clever.sections()}
    teachers = {p.id for p in snapshot.people.values() if p.role == "teacher"}
    students = {p.id for p in snapshot.people.values() if p.role == "student"}
    assert teachers == {t["id"] for t in clever.teachers()}
    assert students == {s["id"] for s in clever.students()}
    assert snapshot.complete and snapshot.problems == ()
    assert set(snapshot.terms) == {t["id"] for t in clever.terms()}
    assert {s.term_id for s in snapshot.sections} <= set(snapshot.terms)
    assert served(sandbox) == {
        "GET /v3.1/sections": 1,
        "GET /v3.1/terms": 1,
        "GET /v3.1/users": 2,
    }


def test_small_pages_are_followed_to_the_end(sandbox: RunningSandbox, http: CleverHttp) -> None:
    clever = sandbox.sandbox
    clever.requests.reset()

    snapshot = whole_district(sandbox_directory(sandbox, http, page_size=25), clever.districts[0])

    counts = [len(clever.sections()), len(clever.teachers()), len(clever.students())]
    assert [len(snapshot.sections), *_by_role(snapshot.people)] == counts
    assert served(sandbox) == {
        "GET /v3.1/sections": math.ceil(counts[0] / 25),
        "GET /v3.1/terms": 1,
        "GET /v3.1/users": math.ceil(counts[1] / 25) + math.ceil(counts[2] / 25),
    }


def _by_role(people: object) -> list[int]:
    roles = [p.role for p in people.values()]  # type: ignore[attr-defined]
    return [roles.count("teacher"), roles.count("student")]


def test_the_sample_teachers_sections_with_their_co_teachers_and_students(
    sandbox: RunningSandbox, http: CleverHttp
) -> None:
    clever = sandbox.sandbox
    teacher = clever.sample_teacher()
    theirs = [s for s in clever.sections() if teacher["id"] in s["teachers"]]

    snapshot = sandbox_directory(sandbox, http).teacher_roster(
        clever.districts[0], teacher["id"], []
    )

    assert {s.id: s.teacher_ids for s in snapshot.sections} == {
        s["id"]: tuple(s["teachers"]) for s in theirs
    }
    co_taught = [s for s in snapshot.sections if len(s.teacher_ids) > 1]
    assert co_taught, "the sample teacher co-teaches at least one section"
    everyone = {p for s in theirs for p in [*s["teachers"], *s["students"]]}
    assert set(snapshot.people) == everyone
    for co_teacher_id in co_taught[0].teacher_ids:
        record = next(t for t in clever.teachers() if t["id"] == co_teacher_id)
        name = record["name"]
        expected = " ".join(p for p in (name["first"], name["middle"], name["last"]) if p)
        assert snapshot.people[co_teacher_id].name == expected
        assert snapshot.people[co_teacher_id].role == "teacher"
    assert snapshot.complete and snapshot.gone_section_ids == frozenset()


@pytest.mark.parametrize(("version", "shared"), [("v3.0", {"ell_status"}), ("v3.1", None)])
def test_demographics_follow_what_each_api_version_carries(
    sandbox: RunningSandbox, http: CleverHttp, version: str, shared: set[str] | None
) -> None:
    clever = sandbox.sandbox
    student = next(
        s
        for s in clever.students()
        if {"ell_status", "iep_status", "frl_status"} <= s["roles"]["student"].keys()
    )

    person = sandbox_directory(sandbox, http, version).find_person(student["id"])

    assert person is not None and person.role == "student"
    assert person.grade == student["roles"]["student"]["grade"]
    sent = {"ell_status", "iep_status", "frl_status"} & person.demographics.keys()
    assert sent == (shared or {"ell_status", "iep_status", "frl_status"})


def test_unknown_people_are_none(sandbox: RunningSandbox, http: CleverHttp) -> None:
    assert sandbox_directory(sandbox, http).find_person("0" * 24) is None
