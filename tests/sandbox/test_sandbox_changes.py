"""Scripted changes show up in the Data API and as Clever events."""

from __future__ import annotations

import httpx
import pytest

from clever_sandbox.state import Sandbox


def _events(client: httpx.Client, after: str | None = None, version: str = "v3.1") -> list[dict]:
    query = f"?starting_after={after}&limit=1000" if after else "?limit=1000"
    return [item["data"] for item in client.get(f"/{version}/events{query}").json()["data"]]


def test_enroll_drop_and_move(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    sections = fresh_sandbox.sections()
    a = sections[0]
    student = a["students"][0]
    b = next(s for s in sections if s["school"] == a["school"] and student not in s["students"])
    fresh_sandbox.move_student(student, a["id"], b["id"])
    assert student not in fresh_client.get(f"/v3.1/sections/{a['id']}").json()["data"]["students"]
    assert student in fresh_client.get(f"/v3.1/sections/{b['id']}").json()["data"]["students"]
    own = [
        i["data"]["id"] for i in fresh_client.get(f"/v3.1/users/{student}/sections").json()["data"]
    ]
    assert b["id"] in own and a["id"] not in own
    dropped, enrolled = _events(fresh_client)
    assert dropped["type"] == enrolled["type"] == "sections.updated"
    assert student in dropped["data"]["previous_attributes"]["students"]
    assert student not in dropped["data"]["object"]["students"]
    assert student not in enrolled["data"]["previous_attributes"]["students"]
    assert dropped["id"] < enrolled["id"]


def test_rename_teachers_grade_and_delete(
    fresh_sandbox: Sandbox, fresh_client: httpx.Client
) -> None:
    section = fresh_sandbox.sections()[3]
    others = [t["id"] for t in fresh_sandbox.teachers() if t["id"] != section["teacher"]]
    teachers = [*others[:2], section["teacher"]]
    fresh_sandbox.rename_section(section["id"], "Algebra Ⅱ")
    fresh_sandbox.set_section_teachers(section["id"], teachers)
    fresh_sandbox.set_section_grade(section["id"], "Ungraded")
    data = fresh_client.get(f"/v3.1/sections/{section['id']}").json()["data"]
    assert data["name"] == "Algebra Ⅱ" and data["grade"] == "Ungraded"
    assert data["teacher"] == teachers[0] and data["teachers"] == teachers
    fresh_sandbox.delete_section(section["id"])
    assert fresh_client.get(f"/v3.1/sections/{section['id']}").status_code == 404
    events = _events(fresh_client)
    assert [e["type"] for e in events] == ["sections.updated"] * 3 + ["sections.deleted"]
    assert set(events[1]["data"]["previous_attributes"]) == {"teacher", "teachers"}
    assert events[-1]["data"]["object"]["name"] == "Algebra Ⅱ"


def test_unshare_and_reshare(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    section_id = fresh_sandbox.sections()[0]["id"]
    fresh_sandbox.unshare_section(section_id)
    assert fresh_client.get(f"/v3.1/sections/{section_id}").status_code == 404
    fresh_sandbox.reshare_section(section_id)
    assert fresh_client.get(f"/v3.1/sections/{section_id}").status_code == 200
    assert [e["type"] for e in _events(fresh_client)] == ["sections.deleted", "sections.created"]


def test_student_fields_and_new_users(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    student = fresh_sandbox.students()[0]["id"]
    fresh_sandbox.set_student_field(student, "grade", "Ungraded")
    fresh_sandbox.set_student_field(student, "ell_status", None)
    role = fresh_client.get(f"/v3.1/users/{student}").json()["data"]["roles"]["student"]
    assert role["grade"] == "Ungraded" and "ell_status" not in role
    new_id = fresh_sandbox.add_student(first="Zoë", last="Nguyễn")
    assert new_id > max(s["id"] for s in fresh_sandbox.students() if s["id"] != new_id)
    created = fresh_client.get(f"/v3.1/users/{new_id}").json()["data"]
    assert created["name"]["first"] == "Zoë"
    section_id = fresh_sandbox.add_section(student_ids=[new_id])
    assert new_id in fresh_client.get(f"/v3.1/sections/{section_id}").json()["data"]["students"]
    types = [e["type"] for e in _events(fresh_client)]
    assert types == ["users.updated", "users.updated", "users.created", "sections.created"]


def test_events_cursor_and_expiry(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    changed = fresh_sandbox.change_fraction(0.05, seed=4)
    assert changed > 0
    events = _events(fresh_client)
    assert len(events) >= changed
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    middle = events[len(events) // 2]["id"]
    assert [e["id"] for e in _events(fresh_client, middle)] == [
        e["id"] for e in events[len(events) // 2 + 1 :]
    ]
    newest = fresh_client.get("/v3.1/events?ending_before=last&limit=1").json()["data"]
    assert newest[0]["data"]["id"] == events[-1]["id"]
    assert (
        fresh_client.get("/v3.1/events?starting_after=000000000000000000000000").status_code == 404
    )
    fresh_sandbox.expire_events_before(middle)
    assert fresh_client.get(f"/v3.1/events?starting_after={events[0]['id']}").status_code == 404
    assert fresh_client.get(f"/v3.1/events/{events[0]['id']}").status_code == 404
    assert fresh_client.get(f"/v3.1/events?starting_after={middle}").status_code == 200


def test_change_fraction_is_deterministic() -> None:
    a, b = Sandbox(seed=9, students=400), Sandbox(seed=9, students=400)
    assert a.change_fraction(0.01, seed=1) == b.change_fraction(0.01, seed=1) > 0
    assert [s["students"] for s in a.sections()] == [s["students"] for s in b.sections()]


def test_raw_records_are_served_verbatim(
    fresh_sandbox: Sandbox, fresh_client: httpx.Client
) -> None:
    section_id = fresh_sandbox.sections()[0]["id"]
    fresh_sandbox.set_raw(
        "sections", section_id, {"id": section_id, "students": "not-a-list", "grade": 7}
    )
    assert (
        fresh_client.get(f"/v3.1/sections/{section_id}").json()["data"]["students"] == "not-a-list"
    )
    assert fresh_client.get("/v3.1/sections?limit=10000").status_code == 200
    assert fresh_client.get("/v3.0/sections?limit=10000").status_code == 200


def test_admin_endpoints(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    summary = fresh_client.get("/_sandbox/summary").json()
    assert summary["district_token"] == fresh_sandbox.district_token()
    teacher = summary["sample_teacher_id"]
    sections = [s for s in fresh_sandbox.sections() if teacher in s["teachers"]]
    assert any(len(s["teachers"]) > 1 for s in sections)
    assert any(summary["sample_student_id"] in s["students"] for s in sections)
    section = sections[0]
    response = fresh_client.post(
        "/_sandbox/changes",
        json={
            "op": "drop",
            "args": {"section_id": section["id"], "student_id": section["students"][0]},
        },
    )
    assert response.json() == {"ok": True, "result": True}
    assert _events(fresh_client)[-1]["type"] == "sections.updated"
    missing = fresh_client.post(
        "/_sandbox/changes",
        json={"op": "rename_section", "args": {"section_id": "f" * 24, "name": "x"}},
    )
    assert missing.status_code == 404
    assert fresh_client.post("/_sandbox/changes", json={"op": "__init__"}).status_code == 400


@pytest.mark.parametrize("version", ["v3.0", "v3.1"])
def test_multi_district_tokens_are_isolated(version: str) -> None:
    from .conftest import district_client

    sandbox = Sandbox(seed=4, students=150, districts=2)
    _, second = sandbox.districts
    with district_client(sandbox) as client:
        other_section = sandbox.sections(second)[0]["id"]
        assert client.get(f"/{version}/sections/{other_section}").status_code == 404
        client.headers["Authorization"] = f"Bearer {sandbox.district_token(second)}"
        assert client.get(f"/{version}/sections/{other_section}").status_code == 200
        assert client.get(f"/{version}/districts").json()["data"][0]["data"]["id"] == second


def test_terms_have_real_dates_around_today(fresh_sandbox: Sandbox) -> None:
    today = fresh_sandbox.today().isoformat()
    (year, *semesters) = fresh_sandbox.terms()
    assert year["end_date"][:10] >= today  # a new district is never past its school year
    assert {s["term_id"] for s in fresh_sandbox.sections()} == {year["id"]}
    assert all(t["start_date"] < t["end_date"] for t in [year, *semesters])


def test_a_scripted_new_school_year_replaces_every_section(
    fresh_sandbox: Sandbox, fresh_client: httpx.Client
) -> None:
    before = fresh_sandbox.sections()
    earlier = _events(fresh_client)
    after_event = earlier[-1]["id"] if earlier else None

    response = fresh_client.post("/_sandbox/changes", json={"op": "new_school_year"})

    result = response.json()["result"]
    sections = fresh_sandbox.sections()
    assert result["sections"] == len(before) == len(sections)
    assert not {s["id"] for s in before} & {s["id"] for s in sections}
    assert sorted((s["teachers"], s["students"]) for s in sections) == sorted(
        (s["teachers"], s["students"]) for s in before
    )
    today = fresh_sandbox.today().isoformat()
    terms = {t["id"]: t for t in fresh_sandbox.terms()}
    assert all(terms[t]["end_date"][:10] < today for t in result["terms_ended"])
    assert {s["term_id"] for s in sections} <= set(result["terms_created"])
    assert all(terms[t]["start_date"][:10] == today for t in result["terms_created"][:1])
    kinds = [e["type"] for e in _events(fresh_client, after_event)]
    assert kinds.count("sections.deleted") == kinds.count("sections.created") == len(before)
    assert {"terms.updated", "terms.created"} <= set(kinds)
    listed = fresh_client.get("/v3.1/terms").json()["data"]
    assert {item["data"]["id"] for item in listed} == set(terms)


def test_a_scripted_summer_ends_the_terms_and_keeps_the_sections(
    fresh_sandbox: Sandbox, fresh_client: httpx.Client
) -> None:
    before = fresh_sandbox.sections()

    response = fresh_client.post(
        "/_sandbox/changes", json={"op": "end_terms", "args": {"days_ago": 30}}
    )

    assert response.status_code == 200
    assert fresh_sandbox.sections() == before
    today = fresh_sandbox.today()
    assert all(t["end_date"][:10] < today.isoformat() for t in fresh_sandbox.terms())
    refused = fresh_client.post(
        "/_sandbox/changes", json={"op": "end_terms", "args": {"days_ago": -1}}
    )
    assert refused.status_code == 400
