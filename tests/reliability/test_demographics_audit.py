"""Every read of a student's demographics is written down (who read whose, and when); a query
that does not ask for them, or is refused them, writes nothing."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from adapters.sqlalchemy.tables import demographics_audit
from tests.reliability.clever_changes import sections_of
from tests.reliability.live_app import LiveProduct, graphql

WITH = "query($id: ID!) { class(id: $id) { students { id demographics { race iepStatus } } } }"
WITHOUT = "query($id: ID!) { class(id: $id) { students { id name gradeLevel } } }"


def audit_entries(live: LiveProduct) -> Counter[tuple[int, str]]:
    with live.deployment.engine.connect() as conn:
        rows = conn.execute(
            select(demographics_audit.c.viewer_account_id, demographics_audit.c.student_id)
        )
        return Counter((r.viewer_account_id, r.student_id) for r in rows)


def class_of_the_student(live: LiveProduct) -> dict:
    school = live.school
    assert school is not None
    sections = sections_of(live.clever.sandbox, school.teacher)
    return next(s for s in sections if school.student in s["students"])


def test_a_teachers_read_of_demographics_is_audited_per_student(live: LiveProduct) -> None:
    section = class_of_the_student(live)
    teacher = live.browsers["teacher"]
    account_id = int(graphql(teacher, "{ viewer { id } }")["data"]["viewer"]["id"])
    before = audit_entries(live)

    body = graphql(teacher, WITH, id=section["id"])

    students = body["data"]["class"]["students"]
    assert {s["id"] for s in students} == set(section["students"])
    assert any(s["demographics"]["race"] for s in students), "the district shares race"
    assert audit_entries(live) - before == Counter((account_id, s) for s in section["students"])


@pytest.mark.parametrize(
    ("who", "document"),
    [("teacher", WITHOUT), ("student", WITH), ("other teacher", WITH), ("other student", WITH)],
    ids=["no demographics asked", "student", "other teacher", "other student"],
)
def test_no_demographics_read_no_audit_entry(live: LiveProduct, who: str, document: str) -> None:
    section = class_of_the_student(live)
    before = audit_entries(live)

    body = graphql(live.browsers[who], document, id=section["id"])

    assert "errors" not in body, body
    shown = body["data"]["class"]["students"] if body["data"]["class"] else []
    assert all(s.get("demographics") is None for s in shown)
    assert audit_entries(live) == before
