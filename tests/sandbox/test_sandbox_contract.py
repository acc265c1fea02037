"""Every kind of sandbox answer validates against Clever's published specs."""

from __future__ import annotations

import httpx
import pytest

from clever_sandbox import enums
from clever_sandbox.api_routes import api_routes
from clever_sandbox.specdiff import derive
from clever_sandbox.state import Sandbox
from clever_sandbox.versions import V30_NESTED, V30_OMITTED, VERSIONS

from .conftest import district_client
from .swagger_schema import errors, response_definition, validator


def _paths(sandbox: Sandbox) -> list[tuple[str, str]]:
    """(spec path template, concrete path with query) for every data route."""
    teacher = sandbox.sample_teacher()
    student = sandbox.sample_student()
    section = next(s for s in sandbox.sections() if len(s["teachers"]) > 1)
    school = sandbox.schools()[0]["id"]
    ids = {
        "districts": sandbox.districts[0],
        "schools": school,
        "sections": section["id"],
        "terms": sandbox.terms()[0]["id"],
        "courses": sandbox.courses()[0]["id"],
    }
    out: list[tuple[str, str]] = []
    for route in api_routes(sandbox):
        version, _, template = route.path.partition("/")[2].partition("/")
        template = "/" + template
        if version != "v3.1" or template in ("/me", "/events", "/events/{id}"):
            continue
        collection = template.split("/")[1]
        if "{id}" not in template:
            concrete = [template]
        elif template.startswith("/users/{id}"):
            concrete = [
                template.replace("{id}", teacher["id"]),
                template.replace("{id}", student["id"]),
            ]
        else:
            concrete = [template.replace("{id}", ids[collection])]
        queries = ["?role=student", "?role=teacher", ""] if template.endswith("users") else [""]
        out += [
            (template, c + q + ("&" if q else "?") + "limit=10000")
            for c in concrete
            for q in queries
        ]
    return out


@pytest.mark.parametrize("version", VERSIONS)
def test_every_data_route_matches_the_spec(
    specs, sandbox: Sandbox, client: httpx.Client, version: str
) -> None:
    spec = specs[version]
    checked = 0
    for template, path in _paths(sandbox):
        assert template in spec["paths"], f"{template} is not a Clever {version} path"
        response = client.get(f"/{version}{path}")
        assert response.status_code == 200, (path, response.text)
        body = response.json()
        problems = errors(validator(spec, response_definition(spec, template)), body)
        assert not problems, (path, problems[:5])
        checked += len(body["data"]) if isinstance(body["data"], list) else 1
    assert checked > 2 * len(sandbox.students())


def test_lists_carry_item_uris_and_self_links(client: httpx.Client) -> None:
    body = client.get("/v3.1/sections?limit=3").json()
    assert [link["rel"] for link in body["links"]] == ["self", "next"]
    for item in body["data"]:
        assert item["uri"] == f"/v3.1/sections/{item['data']['id']}"


def test_v30_omits_what_the_v30_spec_lacks(specs, client: httpx.Client, sandbox: Sandbox) -> None:
    omitted, nested = derive(specs["v3.0"], specs["v3.1"])
    assert {k: tuple(v) for k, v in omitted.items()} == V30_OMITTED
    assert nested == V30_NESTED
    v31 = [i["data"] for i in client.get("/v3.1/users?role=student&limit=10000").json()["data"]]
    v30 = [i["data"] for i in client.get("/v3.0/users?role=student&limit=10000").json()["data"]]
    assert any("frl_status" in u["roles"]["student"] for u in v31)
    assert any("iep_status" in u["roles"]["student"] for u in v31)
    for user in v30:
        assert not set(V30_OMITTED["Student"]) & set(user["roles"]["student"])
    district30 = client.get(f"/v3.0/districts/{sandbox.districts[0]}").json()["data"]
    assert not set(V30_OMITTED["District"]) & set(district30)


def test_generator_enums_equal_the_spec(specs) -> None:
    student = specs["v3.1"]["definitions"]["Student"]["properties"]
    section = specs["v3.1"]["definitions"]["Section"]["properties"]
    assert tuple(student["grade"]["enum"]) == enums.GRADES
    assert tuple(section["subject"]["enum"]) == enums.SUBJECTS
    for field, values in enums.STUDENT_DEMOGRAPHICS.items():
        listed = tuple(v for v in values if v is not enums.ABSENT)
        if "enum" in student[field]:
            assert set(listed) == set(student[field]["enum"]), field
        else:
            assert student[field]["type"] == "string", field


def _emit_every_event_type(sandbox: Sandbox) -> None:
    section = sandbox.sections()[0]
    student = sandbox.students()[-1]["id"]
    sandbox.drop(section["id"], section["students"][0])
    sandbox.rename_section(section["id"], "Renamed")
    new_section = sandbox.add_section(student_ids=[student])
    sandbox.delete_section(new_section)
    new_student = sandbox.add_student(first="Zoë", last="Nguyễn")
    sandbox.set_student_field(new_student, "frl_status", "Free")
    sandbox.delete_user(new_student)
    sandbox.new_school_year()


@pytest.mark.parametrize("version", VERSIONS)
def test_events_match_the_events_spec(specs, version: str) -> None:
    sandbox = Sandbox(seed=3, students=200)
    _emit_every_event_type(sandbox)
    spec = specs[f"{version}-events"]
    with district_client(sandbox) as client:
        body = client.get(f"/{version}/events").json()
        assert not errors(validator(spec, "EventsResponse"), body)
        seen = set()
        for item in body["data"]:
            event = item["data"]
            seen.add(event["type"])
            assert set(event) == {"id", "type", "created", "data"}
            assert not errors(validator(spec, event["type"]), event), event["type"]
            single = client.get(f"/{version}/events/{event['id']}").json()
            assert not errors(validator(spec, "EventResponse"), single)
            if version == "v3.0" and event["type"].startswith("users."):
                assert "frl_status" not in event["data"]["object"]["roles"]["student"]
    assert seen == {
        "sections.updated",
        "sections.created",
        "sections.deleted",
        "users.created",
        "users.updated",
        "users.deleted",
        "terms.updated",
        "terms.created",
    }


def test_strict_validation_rejects_unknown_fields_and_bad_enums(specs) -> None:
    check = validator(specs["v3.1"], "UserResponse")
    good = {"data": {"id": "a", "roles": {"student": {"gender": "F", "email": "x@y.z"}}}}
    assert not errors(check, good)
    assert errors(check, {"data": {"id": "a", "nickname": "x"}})
    assert errors(check, {"data": {"roles": {"student": {"gender": "Q"}}}})
    assert not errors(check, {"data": {"roles": {"student": {"gender": None}}}})
    assert errors(
        validator(specs["v3.0"], "UserResponse"),
        {"data": {"roles": {"student": {"frl_status": "Free"}}}},
    )
