"""Folding Clever events into the newest state of each record, straight from event payloads."""

from __future__ import annotations

import itertools

import pytest

from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.event_fold import EventFold
from tests.clever.payloads import DISTRICT, SectionFactory, StudentFactory, TeacherFactory

ids = (f"e{n:023d}" for n in itertools.count())


def event(event_type: str, record: object, **extra: object) -> dict[str, object]:
    event_id = next(ids)
    data = {"id": event_id, "type": event_type, "created": "2026-09-01T08:00:00.000Z"}
    return {
        "data": {**data, "data": {"object": record, **extra}},
        "uri": f"/v3.1/events/{event_id}",
    }


def fold(*events: dict[str, object]) -> EventFold:
    folding = EventFold(DISTRICT)
    for item in events:
        folding.add(item)
    return folding


def test_the_newest_state_of_a_section_wins_and_the_last_event_is_the_cursor() -> None:
    section = SectionFactory(name="Before")
    renamed = {**section, "name": "After"}
    last = event("sections.updated", renamed, previous_attributes={"name": "Before"})

    changes = fold(event("sections.created", section), last).changes()

    assert changes.sections[section["id"]].name == "After"
    assert changes.last_event_id == last["data"]["id"]  # type: ignore[index]


def test_a_deleted_section_is_gone_unless_it_came_back_later() -> None:
    kept, dropped = SectionFactory(), SectionFactory()

    changes = fold(
        event("sections.deleted", kept),
        event("sections.deleted", dropped),
        event("sections.created", kept),
    ).changes()

    assert set(changes.sections) == {kept["id"]}
    assert changes.deleted_section_ids == {dropped["id"]}


def test_people_follow_their_newest_event_and_deletions() -> None:
    student, teacher, leaver = StudentFactory(), TeacherFactory(), StudentFactory()
    older_grade = {**student, "roles": {"student": {**student["roles"]["student"], "grade": "6"}}}

    changes = fold(
        event("users.updated", older_grade),
        event("users.updated", student),
        event("users.created", teacher),
        event("users.created", leaver),
        event("users.deleted", leaver),
    ).changes()

    assert changes.people[student["id"]].grade == "7"
    assert changes.people[teacher["id"]].role == "teacher"
    assert leaver["id"] not in changes.people
    assert changes.deleted_person_ids == {leaver["id"]}


def test_users_without_a_roster_role_and_other_record_types_are_left_out() -> None:
    admin = {"id": "a" * 24, "district": DISTRICT, "roles": {"district_admin": {}}}

    changes = fold(
        event("users.created", admin),
        event("terms.updated", {"id": "t" * 24}),
        event("courses.created", {"id": "k" * 24}),
    ).changes()

    assert not changes.touches_rosters
    assert changes.last_event_id is not None


def test_an_unreadable_section_is_a_problem_neither_changed_nor_gone() -> None:
    section = SectionFactory()
    broken = {**section, "students": "not a list"}

    changes = fold(event("sections.deleted", section), event("sections.updated", broken)).changes()

    assert section["id"] not in changes.sections
    assert section["id"] not in changes.deleted_section_ids
    assert [(p.clever_id, p.field) for p in changes.problems] == [(section["id"], "students")]


def test_a_problem_clears_when_a_later_event_is_readable() -> None:
    section = SectionFactory()

    changes = fold(
        event("sections.updated", {**section, "teachers": 7}),
        event("sections.updated", section),
    ).changes()

    assert changes.problems == ()
    assert section["id"] in changes.sections


@pytest.mark.parametrize("event_type", ["schools.created", "schools.deleted"])
def test_a_school_shared_or_unshared_asks_for_a_full_sync(event_type: str) -> None:
    changes = fold(event(event_type, {"id": "5" * 24, "name": "North"})).changes()

    assert changes.full_sync_reason is not None and event_type in changes.full_sync_reason


def test_a_school_renamed_needs_nothing() -> None:
    changes = fold(event("schools.updated", {"id": "5" * 24, "name": "North"})).changes()

    assert changes.full_sync_reason is None
    assert not changes.touches_rosters


def test_an_event_without_an_id_is_refused_since_it_cannot_be_a_cursor() -> None:
    with pytest.raises(CleverResponseInvalid):
        fold({"data": {"type": "sections.updated", "data": {"object": SectionFactory()}}})
