"""HttpxCleverEvents against the Clever sandbox over HTTP (v3.1 and v3.0)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from adapters.clever import HttpxCleverDirectory
from adapters.clever.events import HttpxCleverEvents
from application.errors import CleverNotFound
from clever_sandbox.server import RunningSandbox
from clever_sandbox.state import Sandbox

MakeEvents = Callable[..., HttpxCleverEvents]


class SandboxTokens:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def district_tokens(self) -> dict[str, str]:
        return {d: self.sandbox.district_token(d) for d in self.sandbox.districts}


@pytest.fixture
def make_events(clever: RunningSandbox) -> Iterator[MakeEvents]:
    made: list[HttpxCleverDirectory] = []

    def make(version: str = "v3.1", page_size: int = 10_000) -> HttpxCleverEvents:
        directory = HttpxCleverDirectory(
            clever.url, SandboxTokens(clever.sandbox), version, page_size=page_size
        )
        made.append(directory)
        return HttpxCleverEvents(directory)

    yield make
    for directory in made:
        directory.close()


def test_the_newest_event_is_none_until_clever_records_one(
    clever: RunningSandbox, make_events: MakeEvents
) -> None:
    events, sandbox = make_events(), clever.sandbox
    district = sandbox.districts[0]
    assert events.newest_event_id(district) is None

    section = sandbox.sections()[0]
    sandbox.rename_section(section["id"], "One")
    sandbox.rename_section(section["id"], "Two")

    assert events.newest_event_id(district) == sandbox.events()[-1]["id"]


@pytest.mark.parametrize("version", ["v3.1", "v3.0"])
def test_changes_after_a_cursor_are_read_across_pages(
    clever: RunningSandbox, make_events: MakeEvents, version: str
) -> None:
    events, sandbox = make_events(version, page_size=2), clever.sandbox
    district = sandbox.districts[0]
    first, second = sandbox.sections()[:2]
    sandbox.rename_section(first["id"], "Before The Cursor")
    cursor = events.newest_event_id(district)
    student = first["students"][0]
    sandbox.drop(first["id"], student)
    sandbox.rename_section(second["id"], "After The Cursor")
    sandbox.set_student_field(student, "grade", "3")
    newcomer = sandbox.add_student(first="Newcomer")
    sandbox.enroll(second["id"], newcomer)

    changes = events.changes_after(district, cursor)

    assert changes.last_event_id == sandbox.events()[-1]["id"]
    assert student not in changes.sections[first["id"]].student_ids
    assert changes.sections[first["id"]].name == "Before The Cursor"  # its newest state
    assert changes.sections[second["id"]].name == "After The Cursor"
    assert newcomer in changes.sections[second["id"]].student_ids
    assert changes.people[student].grade == "3"
    assert changes.people[newcomer].name.startswith("Newcomer ")


def test_no_cursor_reads_every_event_clever_keeps(
    clever: RunningSandbox, make_events: MakeEvents
) -> None:
    sandbox = clever.sandbox
    section = sandbox.sections()[0]
    sandbox.delete_section(section["id"])

    changes = make_events().changes_after(sandbox.districts[0], None)

    assert changes.deleted_section_ids == {section["id"]}


def test_an_expired_cursor_is_refused_as_not_found(
    clever: RunningSandbox, make_events: MakeEvents
) -> None:
    sandbox = clever.sandbox
    section = sandbox.sections()[0]
    sandbox.rename_section(section["id"], "Old")
    expired = sandbox.events()[-1]["id"]
    sandbox.rename_section(section["id"], "New")
    sandbox.expire_events_before(sandbox.events()[-1]["id"])

    with pytest.raises(CleverNotFound):
        make_events().changes_after(sandbox.districts[0], expired)


def test_current_sections_tell_live_ones_from_gone_ones(
    clever: RunningSandbox, make_events: MakeEvents
) -> None:
    sandbox = clever.sandbox
    live, deleted = sandbox.sections()[:2]
    sandbox.delete_section(deleted["id"])

    now = make_events().current_sections(sandbox.districts[0], [live["id"], deleted["id"]])

    assert [s.id for s in now.sections] == [live["id"]]
    assert now.gone_section_ids == {deleted["id"]}


def test_current_people_list_a_section_holding_several_and_read_the_rest_alone(
    clever: RunningSandbox, make_events: MakeEvents
) -> None:
    sandbox = clever.sandbox
    events = make_events()
    section = sandbox.sections()[0]
    sections = events.current_sections(sandbox.districts[0], [section["id"]]).sections
    elsewhere = next(s["id"] for s in sandbox.students() if s["id"] not in section["students"])
    wanted = [*section["students"][:3], elsewhere, "0" * 24]
    sandbox.requests.reset()

    found = events.current_people(sandbox.districts[0], wanted, sections)

    assert set(found.people) == set(wanted[:4])
    assert sandbox.requests.by_endpoint == {
        "GET /v3.1/sections/{id}/users": 1,
        "GET /v3.1/users/{id}": 2,  # the student elsewhere, and the unknown id (404)
    }
