"""The directory's live look for an explanation: a section's students now, a person's record."""

from __future__ import annotations

import httpx
import respx

from adapters.clever import HttpxCleverDirectory
from tests.clever.payloads import DISTRICT, StudentFactory, StudentRoleFactory, listing, one

SECTION = "5b2ad81a709e300001e2cd99"


def test_the_students_clever_lists_now_with_sis_ids_and_unusable_records(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    good = StudentFactory(roles={"student": StudentRoleFactory(sis_id="SIS-1")})
    odd_sis = StudentFactory(roles={"student": StudentRoleFactory(sis_id=["not", "text"])})
    broken = StudentFactory(name="not an object")
    route = clever.get(f"/v3.1/sections/{SECTION}/users").respond(
        json=listing([good, odd_sis, broken], "users")
    )

    listed = directory.students_listed_now(DISTRICT, SECTION)

    assert listed is not None
    assert route.calls.last.request.url.params["role"] == "student"
    assert set(listed.people) == {good["id"], odd_sis["id"]}
    assert dict(listed.sis_ids) == {good["id"]: "SIS-1"}
    assert set(listed.unusable) == {broken["id"]}
    assert listed.unusable[broken["id"]].field == "name"
    assert listed.lists(broken["id"]) and not listed.lists("someone-else")


def test_a_section_clever_no_longer_has_is_none(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    clever.get(f"/v3.1/sections/{SECTION}/users").respond(404, json={"message": "not found"})

    assert directory.students_listed_now(DISTRICT, SECTION) is None


def test_whether_clever_has_a_person_now(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    kept, gone = StudentFactory(), StudentFactory()
    clever.get(f"/v3.1/users/{kept['id']}").respond(json=one(kept, "users"))
    clever.get(f"/v3.1/users/{gone['id']}").respond(404, json={"message": "not found"})

    assert directory.has_person_now(DISTRICT, kept["id"]) is True
    assert directory.has_person_now(DISTRICT, gone["id"]) is False


def test_an_id_never_reaches_another_endpoint(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    route = clever.get(url__regex=r".*").mock(return_value=httpx.Response(404, json={}))

    assert directory.has_person_now(DISTRICT, "../sections/x") is False
    assert "%2F" in str(route.calls.last.request.url)
