"""The access matrix, extended to every leaf field the queries reach: each of them asked by the
class's teacher, a student of the class, a teacher and a student of other classes only, and an
anonymous visitor. Outsiders learn nothing of the class; a student sees only themselves."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from tests.reliability.clever_changes import sections_of
from tests.reliability.field_paths import query_documents
from tests.reliability.live_app import LiveProduct, graphql

DOCUMENTS = query_documents()
OUTSIDERS = ("other teacher", "other student")


@dataclass(frozen=True)
class ClassUnderTest:
    section_id: str
    run_id: str
    names: dict[str, str]  # student id -> name, as stored

    def hidden_from(self, visible_names: set[str], *, class_too: bool) -> set[str]:
        """What must not appear: the class itself (for outsiders) and every student name the
        principal has no other way to see."""
        hidden = set(self.names.values()) - visible_names
        return hidden | ({self.section_id} if class_too else set())


@pytest.fixture(scope="module")
def target(live: LiveProduct) -> ClassUnderTest:
    assert live.school is not None
    sandbox = live.clever.sandbox
    section = next(
        s for s in sections_of(sandbox, live.school.teacher) if live.school.student in s["students"]
    )
    stored = live.deployment.roster()
    runs = graphql(live.browsers["teacher"], "{ viewer { syncRuns { id } } }")
    return ClassUnderTest(
        section["id"],
        runs["data"]["viewer"]["syncRuns"][0]["id"],
        {sid: stored.students[sid][1] for sid in section["students"]},
    )


def names_seen_by(live: LiveProduct, who: str) -> set[str]:
    """Student names the principal may see anyway: their own, or their own classes' students."""
    query = "{ viewer { name classes(includeArchived: true) { students { name } } } }"
    viewer = graphql(live.browsers[who], query)["data"]["viewer"]
    students = {s["name"] for c in viewer["classes"] for s in c["students"]}
    return {viewer["name"], *students}


def ask(live: LiveProduct, who: str, document: str, target: ClassUnderTest) -> dict[str, Any]:
    variables = {"class": target.section_id, "run": target.run_id}
    used = {k: v for k, v in variables.items() if f"${k}" in document}
    if who == "anonymous":
        return graphql(live.browser(), document, **used)
    return graphql(live.browsers[who], document, **used)


@pytest.mark.parametrize("root", sorted(DOCUMENTS))
def test_the_teacher_reaches_every_field(
    live: LiveProduct, target: ClassUnderTest, root: str
) -> None:
    failures = []
    for document in DOCUMENTS[root]:
        body = ask(live, "teacher", document, target)
        if "errors" in body or body["data"][root] is None:
            failures.append((document, body))
    assert not failures, failures[:3]


@pytest.mark.parametrize("root", sorted(DOCUMENTS))
@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_learn_nothing_of_the_class_from_any_field(
    live: LiveProduct, target: ClassUnderTest, who: str, root: str
) -> None:
    hidden = target.hidden_from(names_seen_by(live, who), class_too=True)
    failures = []
    for document in DOCUMENTS[root]:
        body = ask(live, who, document, target)
        text = json.dumps(body, ensure_ascii=False)
        leaked = sorted(secret for secret in hidden if secret in text)
        wrong = "errors" in body or (root != "viewer" and body["data"][root] is not None)
        if leaked or wrong:
            failures.append((document, leaked, body))
    assert not failures, failures[:3]


@pytest.mark.parametrize("root", sorted(DOCUMENTS))
def test_a_student_of_the_class_sees_only_themselves_in_every_field(
    live: LiveProduct, target: ClassUnderTest, root: str
) -> None:
    hidden = target.hidden_from(names_seen_by(live, "student"), class_too=False)
    failures = []
    for document in DOCUMENTS[root]:
        body = ask(live, "student", document, target)
        text = json.dumps(body, ensure_ascii=False)
        leaked = sorted(secret for secret in hidden if secret in text)
        demographics = '"demographics": {' in text
        run_shown = root == "syncRun" and body["data"]["syncRun"] is not None
        if leaked or demographics or run_shown or "errors" in body:
            failures.append((document, leaked, body))
    assert not failures, failures[:3]


@pytest.mark.parametrize("root", sorted(DOCUMENTS))
def test_an_anonymous_visitor_gets_nothing_from_any_field(
    live: LiveProduct, target: ClassUnderTest, root: str
) -> None:
    failures = []
    for document in DOCUMENTS[root]:
        body = ask(live, "anonymous", document, target)
        codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
        expected = [] if root == "viewer" else ["UNAUTHENTICATED"]
        if codes != expected or body["data"] not in (None, {root: None}):
            failures.append((document, body))
    assert not failures, failures[:3]


def test_the_student_sees_classmates_hidden_that_the_teacher_sees(
    live: LiveProduct, target: ClassUnderTest
) -> None:
    """The secrets the checks above look for are really in the class: the teacher sees them."""
    query = "query($class: ID!) { class(id: $class) { students { name } } }"
    as_teacher = graphql(live.browsers["teacher"], query, **{"class": target.section_id})
    as_student = graphql(live.browsers["student"], query, **{"class": target.section_id})

    seen_by_teacher = {s["name"] for s in as_teacher["data"]["class"]["students"]}
    assert seen_by_teacher == set(target.names.values())
    assert len(as_student["data"]["class"]["students"]) == 1
    assert target.hidden_from(names_seen_by(live, "student"), class_too=False)
