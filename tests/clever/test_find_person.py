"""Finding a teacher or student by Clever id across every connected district."""

from __future__ import annotations

import httpx
import pytest
import respx

from adapters.clever import CleverHttp, HttpxCleverDirectory
from application.errors import CleverAuthError, CleverUnavailable
from tests.clever.conftest import API, StaticTokens
from tests.clever.payloads import NameFactory, StudentFactory, TeacherFactory, one

TOKENS = {"district-a": "token-a", "district-b": "token-b"}


@pytest.fixture
def two_districts(http: CleverHttp) -> HttpxCleverDirectory:
    return HttpxCleverDirectory(API, StaticTokens(TOKENS), http=http)


def answer(clever: respx.MockRouter, user_id: str, by_token: dict[str, httpx.Response]) -> None:
    for token, response in by_token.items():
        clever.get(f"/v3.1/users/{user_id}", headers={"Authorization": f"Bearer {token}"}).mock(
            return_value=response
        )


def test_found_in_the_second_district_after_a_404_in_the_first(
    clever: respx.MockRouter, two_districts: HttpxCleverDirectory
) -> None:
    teacher = TeacherFactory(district="district-b", name=NameFactory(first="Rosa", last="Park"))
    answer(
        clever,
        teacher["id"],
        {
            "token-a": httpx.Response(404, json={"message": "not found"}),
            "token-b": httpx.Response(200, json=one(teacher, "users")),
        },
    )

    person = two_districts.find_person(teacher["id"])

    assert person is not None
    assert (person.role, person.district_id, person.name) == ("teacher", "district-b", "Rosa Park")
    assert two_districts.connected_district_ids() == ["district-a", "district-b"]


def test_unknown_everywhere_is_none(
    clever: respx.MockRouter, two_districts: HttpxCleverDirectory
) -> None:
    answer(clever, "nobody", {t: httpx.Response(404) for t in TOKENS.values()})

    assert two_districts.find_person("nobody") is None


def test_a_district_that_failed_means_unknown_cannot_be_claimed(
    clever: respx.MockRouter, two_districts: HttpxCleverDirectory
) -> None:
    answer(clever, "someone", {"token-a": httpx.Response(503), "token-b": httpx.Response(404)})

    with pytest.raises(CleverUnavailable):
        two_districts.find_person("someone")


def test_a_failed_district_does_not_hide_a_person_found_in_another(
    clever: respx.MockRouter, two_districts: HttpxCleverDirectory
) -> None:
    student = StudentFactory()
    answer(
        clever,
        student["id"],
        {
            "token-a": httpx.Response(401),
            "token-b": httpx.Response(200, json=one(student, "users")),
        },
    )

    person = two_districts.find_person(student["id"])

    assert person is not None and person.role == "student"


def test_staff_and_admins_are_not_roster_people(
    clever: respx.MockRouter, two_districts: HttpxCleverDirectory
) -> None:
    admin = TeacherFactory(roles={"district_admin": {"title": "IT"}})
    answer(clever, admin["id"], {"token-a": httpx.Response(200, json=one(admin, "users"))})

    assert two_districts.find_person(admin["id"]) is None


def test_ids_cannot_reach_another_endpoint(
    clever: respx.MockRouter, two_districts: HttpxCleverDirectory
) -> None:
    route = clever.get(url__regex=r".*").mock(return_value=httpx.Response(404))

    assert two_districts.find_person("../sections") is None
    assert all(c.request.url.raw_path.startswith(b"/v3.1/users/..%2Fsections") for c in route.calls)


def test_a_token_refused_without_a_way_to_refresh_is_an_auth_error(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    directory = HttpxCleverDirectory(API, StaticTokens({"district-a": "token-a"}), http=http)
    answer(clever, "t1", {"token-a": httpx.Response(401)})

    with pytest.raises(CleverAuthError):
        directory.find_person("t1")
    assert len(clever.calls) == 1
