"""Against the sandbox: sections taken away or deleted, malformed records, injected faults."""

from __future__ import annotations

import pytest

from adapters.clever import CleverHttp, CleverRateLimited
from application.errors import CleverUnavailable
from clever_sandbox.server import RunningSandbox
from tests.clever.conftest import Sleeps, sandbox_directory
from tests.clever.districts import whole_district


def sample(running: RunningSandbox) -> tuple[str, str, list[dict]]:
    clever = running.sandbox
    teacher = clever.sample_teacher()
    sections = [s for s in clever.sections() if teacher["id"] in s["teachers"]]
    return clever.districts[0], teacher["id"], sections


def test_a_section_taken_away_comes_back_and_a_deleted_one_is_gone(
    fresh_sandbox: RunningSandbox, http: CleverHttp
) -> None:
    district, teacher, sections = sample(fresh_sandbox)
    taken, deleted = sections[0], sections[1]
    others = [t for t in fresh_sandbox.sandbox.teachers() if t["id"] != teacher][:1]
    fresh_sandbox.sandbox.set_section_teachers(taken["id"], [others[0]["id"]])
    fresh_sandbox.sandbox.delete_section(deleted["id"])

    snapshot = sandbox_directory(fresh_sandbox, http).teacher_roster(
        district, teacher, [s["id"] for s in sections]
    )

    read = {s.id: s for s in snapshot.sections}
    assert set(read) == {s["id"] for s in sections} - {deleted["id"]}
    assert read[taken["id"]].teacher_ids == (others[0]["id"],)
    assert others[0]["id"] in snapshot.people
    assert snapshot.gone_section_ids == {deleted["id"]}


def test_a_malformed_record_is_a_problem_and_the_rest_comes_through(
    fresh_sandbox: RunningSandbox, http: CleverHttp
) -> None:
    district = fresh_sandbox.sandbox.districts[0]
    broken = dict(fresh_sandbox.sandbox.students()[0], name="not an object")
    fresh_sandbox.sandbox.set_raw("students", broken["id"], broken)

    snapshot = whole_district(sandbox_directory(fresh_sandbox, http), district)

    assert [(p.clever_id, p.field) for p in snapshot.problems] == [(broken["id"], "name")]
    assert broken["id"] not in snapshot.people
    assert len(snapshot.people) == len(fresh_sandbox.sandbox.students()) - 1 + len(
        fresh_sandbox.sandbox.teachers()
    )


def test_a_rate_limit_burst_is_waited_out(
    fresh_sandbox: RunningSandbox, http: CleverHttp, sleeps: Sleeps
) -> None:
    district, teacher, _ = sample(fresh_sandbox)
    fresh_sandbox.sandbox.faults.rate_limit_burst(2)

    snapshot = sandbox_directory(fresh_sandbox, http).teacher_roster(district, teacher, [])

    assert snapshot.sections
    assert len(sleeps) == 2 and all(0 < s <= 1.0 for s in sleeps)


def test_a_rate_limit_that_does_not_end_gives_up(
    fresh_sandbox: RunningSandbox, http: CleverHttp
) -> None:
    district, teacher, _ = sample(fresh_sandbox)
    fresh_sandbox.sandbox.faults.rate_limit_burst(10)

    with pytest.raises(CleverRateLimited):
        sandbox_directory(fresh_sandbox, http).teacher_roster(district, teacher, [])


def test_a_burst_of_server_errors_is_retried(
    fresh_sandbox: RunningSandbox, http: CleverHttp
) -> None:
    district, _, _ = sample(fresh_sandbox)
    fresh_sandbox.sandbox.faults.server_errors(3, status=503)

    snapshot = whole_district(sandbox_directory(fresh_sandbox, http), district)

    assert len(snapshot.sections) == len(fresh_sandbox.sandbox.sections())


@pytest.mark.parametrize("fault", ["truncate_next", "html_next"])
def test_a_broken_page_fails_the_pull(
    fresh_sandbox: RunningSandbox, http: CleverHttp, fault: str
) -> None:
    district, _, _ = sample(fresh_sandbox)
    getattr(fresh_sandbox.sandbox.faults, fault)(1)

    with pytest.raises(CleverUnavailable):
        whole_district(sandbox_directory(fresh_sandbox, http), district)


def test_clever_failing_midway_through_the_pages_fails_the_pull(
    fresh_sandbox: RunningSandbox, http: CleverHttp
) -> None:
    district, _, _ = sample(fresh_sandbox)
    fresh_sandbox.sandbox.faults.fail_after(2, status=500)

    with pytest.raises(CleverUnavailable):
        whole_district(sandbox_directory(fresh_sandbox, http, page_size=20), district)
    assert fresh_sandbox.sandbox.requests.total == 2 + 4  # two pages, then four failed attempts
