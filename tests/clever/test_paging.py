"""Paging as Clever documents it: limit on every request, next links followed to the end."""

from __future__ import annotations

import httpx
import pytest
import respx

from adapters.clever import CleverHttp, CleverResponseInvalid, HttpxCleverDirectory
from application.errors import CleverUnavailable
from tests.clever.conftest import API, TOKEN, StaticTokens
from tests.clever.districts import whole_district
from tests.clever.payloads import (
    DISTRICT,
    SectionFactory,
    StudentFactory,
    StudentRoleFactory,
    TeacherFactory,
    listing,
)


def small_pages(http: CleverHttp, version: str = "v3.1") -> HttpxCleverDirectory:
    return HttpxCleverDirectory(
        API, StaticTokens({DISTRICT: TOKEN}), version, page_size=2, http=http
    )


def paged(records: list[dict], kind: str, version: str = "v3.1", size: int = 2) -> list[dict]:
    pages = [records[i : i + size] for i in range(0, len(records), size)] or [[]]
    bodies = []
    for number, page in enumerate(pages):
        last = number == len(pages) - 1
        after = f"/{version}/{kind}?limit={size}&starting_after={page[-1]['id']}" if page else None
        bodies.append(listing(page, kind, version, None if last else after))
    return bodies


def serve(clever: respx.MockRouter, path: str, bodies: list[dict]) -> respx.Route:
    return clever.get(path).mock(side_effect=[httpx.Response(200, json=b) for b in bodies])


def no_users(clever: respx.MockRouter, version: str = "v3.1") -> None:
    clever.get(f"/{version}/users").mock(
        return_value=httpx.Response(200, json=listing([], "users", version))
    )


def test_district_sections_come_from_every_page_with_limit_on_each_request(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    sections = SectionFactory.create_batch(5)
    route = serve(clever, "/v3.1/sections", paged(sections, "sections"))
    no_users(clever)

    snapshot = whole_district(small_pages(http), DISTRICT)

    assert [s.id for s in snapshot.sections] == [s["id"] for s in sections]
    assert route.call_count == 3
    queries = [dict(call.request.url.params) for call in route.calls]
    assert all(q["limit"] == "2" for q in queries)
    assert [q.get("starting_after") for q in queries] == [
        None,
        sections[1]["id"],
        sections[3]["id"],
    ]
    assert all(c.request.headers["Authorization"] == f"Bearer {TOKEN}" for c in route.calls)


def test_an_empty_page_ends_the_list_even_with_a_next_link(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    first = listing(
        SectionFactory.create_batch(2),
        "sections",
        next_uri="/v3.1/sections?limit=2&starting_after=x",
    )
    empty = listing([], "sections", next_uri="/v3.1/sections?limit=2&starting_after=y")
    route = serve(clever, "/v3.1/sections", [first, empty])
    no_users(clever)

    snapshot = whole_district(small_pages(http), DISTRICT)

    assert len(snapshot.sections) == 2
    assert route.call_count == 2


def test_a_next_link_without_limit_still_sends_limit(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    first, second = SectionFactory.create_batch(2)
    route = serve(
        clever,
        "/v3.1/sections",
        [
            listing([first], "sections", next_uri=f"/v3.1/sections?starting_after={first['id']}"),
            listing([second], "sections"),
        ],
    )
    no_users(clever)

    whole_district(small_pages(http), DISTRICT)

    assert route.calls[1].request.url.params["limit"] == "2"


def test_a_next_link_to_another_host_is_refused_and_never_sent_the_token(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    serve(
        clever,
        "/v3.1/sections",
        [
            listing(
                SectionFactory.create_batch(1),
                "sections",
                next_uri="https://evil.example/v3.1/sections?limit=2&starting_after=a",
            )
        ],
    )
    elsewhere = respx.get("https://evil.example/v3.1/sections")

    with pytest.raises(CleverResponseInvalid):
        whole_district(small_pages(http), DISTRICT)
    assert not elsewhere.called


def test_a_failure_midway_fails_the_whole_roster(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    sections = SectionFactory.create_batch(4)
    first, _ = paged(sections, "sections")
    clever.get("/v3.1/sections").mock(
        side_effect=[httpx.Response(200, json=first)] + [httpx.Response(500)] * 4
    )
    no_users(clever)

    with pytest.raises(CleverUnavailable):
        whole_district(small_pages(http), DISTRICT)


def test_a_record_repeated_on_a_later_page_is_kept_once_and_reported(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    a, b, c = SectionFactory.create_batch(3)
    renamed = {**a, "name": "Renamed"}
    serve(clever, "/v3.1/sections", paged([a, b, renamed, c], "sections"))
    no_users(clever)

    snapshot = whole_district(small_pages(http), DISTRICT)

    assert [s.id for s in snapshot.sections] == [a["id"], b["id"], c["id"]]
    assert next(s for s in snapshot.sections if s.id == a["id"]).name == a["name"]
    assert [(p.clever_id, p.message) for p in snapshot.problems] == [
        (a["id"], "listed more than once")
    ]


def test_a_person_both_lists_name_keeps_the_teacher_record_and_repeats_are_per_list(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    both = TeacherFactory()
    both["roles"]["student"] = StudentRoleFactory()
    pupil = StudentFactory()
    serve(clever, "/v3.1/sections", paged([], "sections"))
    clever.get("/v3.1/users", params={"role": "teacher"}).mock(
        return_value=httpx.Response(200, json=listing([both], "users"))
    )
    students = [pupil, both, {**pupil, "email": "later@example.org"}, both]
    clever.get("/v3.1/users", params={"role": "student"}).mock(
        return_value=httpx.Response(200, json=listing(students, "users"))
    )

    snapshot = whole_district(small_pages(http), DISTRICT)

    assert snapshot.people[both["id"]].role == "teacher"
    assert snapshot.people[pupil["id"]].email == pupil["email"]
    assert [(p.record_type, p.clever_id, p.message) for p in snapshot.problems] == [
        ("student", pupil["id"], "listed more than once"),
        ("student", both["id"], "listed more than once"),
    ]


@pytest.mark.parametrize("version", ["v3.0", "v3.1"])
def test_the_version_is_in_every_path(
    clever: respx.MockRouter, http: CleverHttp, version: str
) -> None:
    sections = serve(
        clever, f"/{version}/sections", paged(SectionFactory.create_batch(3), "sections", version)
    )
    no_users(clever, version)

    snapshot = whole_district(small_pages(http, version), DISTRICT)

    assert len(snapshot.sections) == 3
    assert all(call.request.url.path == f"/{version}/sections" for call in sections.calls)
    assert all(call.request.url.path.startswith(f"/{version}/") for call in clever.calls)


def test_the_district_pull_lists_sections_teachers_and_students_in_bulk(
    clever: respx.MockRouter, http: CleverHttp
) -> None:
    clever.get("/v3.1/sections").mock(
        return_value=httpx.Response(200, json=listing([], "sections"))
    )
    users = clever.get("/v3.1/users").mock(
        return_value=httpx.Response(200, json=listing([], "users"))
    )

    whole_district(HttpxCleverDirectory(API, StaticTokens({DISTRICT: TOKEN}), http=http), DISTRICT)

    assert len(clever.calls) == 4  # sections, terms, teachers, students
    assert clever.routes["terms"].call_count == 1
    assert sorted(c.request.url.params["role"] for c in users.calls) == ["student", "teacher"]
    assert all(c.request.url.params["limit"] == "10000" for c in clever.calls)


@pytest.mark.parametrize("bad", [{"version": "v2.1"}, {"page_size": 10_001}, {"page_size": 0}])
def test_settings_outside_what_clever_allows_are_refused(http: CleverHttp, bad: dict) -> None:
    with pytest.raises(ValueError):
        HttpxCleverDirectory(API, StaticTokens({}), http=http, **bad)
