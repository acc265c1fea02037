"""Rate limits, outages and unreadable answers: retried when it can help, typed errors otherwise."""

from __future__ import annotations

import httpx
import pytest
import respx

from adapters.clever import CleverRateLimited, HttpxCleverDirectory
from application.errors import (
    CleverAuthError,
    CleverBadRequest,
    CleverNotFound,
    CleverUnavailable,
)
from tests.clever.conftest import NOW, Sleeps
from tests.clever.payloads import DISTRICT, TeacherFactory, one

TEACHER = TeacherFactory()
USER_URL = f"/v3.1/users/{TEACHER['id']}"
SECTIONS_URL = f"/v3.1/users/{TEACHER['id']}/sections"


def ok() -> httpx.Response:
    return httpx.Response(200, json=one(TEACHER, "users"))


def test_429_waits_until_the_rate_limit_resets_then_succeeds(
    clever: respx.MockRouter, directory: HttpxCleverDirectory, sleeps: Sleeps
) -> None:
    reset = {"X-RateLimit-Reset": str(int(NOW) + 3), "X-RateLimit-Remaining": "0"}
    route = clever.get(USER_URL).mock(side_effect=[httpx.Response(429, headers=reset), ok()])

    person = directory.find_person(TEACHER["id"])

    assert person is not None and person.id == TEACHER["id"]
    assert route.call_count == 2
    assert sleeps == [3.0]


def test_retry_after_wins_and_long_waits_are_capped(
    clever: respx.MockRouter, directory: HttpxCleverDirectory, sleeps: Sleeps
) -> None:
    clever.get(USER_URL).mock(
        side_effect=[
            httpx.Response(
                429, headers={"Retry-After": "2", "X-RateLimit-Reset": str(int(NOW) + 9)}
            ),
            httpx.Response(429, headers={"X-RateLimit-Reset": str(int(NOW) + 600)}),
            ok(),
        ]
    )

    assert directory.find_person(TEACHER["id"]) is not None
    assert sleeps == [2.0, 5.0]  # the second wait is cut to the policy's 5 s cap


def test_endless_429_gives_up_as_rate_limited(
    clever: respx.MockRouter, directory: HttpxCleverDirectory, sleeps: Sleeps
) -> None:
    route = clever.get(USER_URL).mock(
        return_value=httpx.Response(429, headers={"Retry-After": "1"})
    )

    with pytest.raises(CleverRateLimited):
        directory.find_person(TEACHER["id"])
    assert route.call_count == 4
    assert sleeps == [1.0, 1.0, 1.0]


def test_503_burst_is_retried_with_growing_jittered_backoff(
    clever: respx.MockRouter, directory: HttpxCleverDirectory, sleeps: Sleeps
) -> None:
    route = clever.get(USER_URL).mock(
        side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(500), ok()]
    )

    assert directory.find_person(TEACHER["id"]) is not None
    assert route.call_count == 4
    assert len(sleeps) == 3 and all(0 <= s <= 1.0 for s in sleeps)


def test_outage_that_outlasts_the_retries_is_unavailable(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    route = clever.get(USER_URL).mock(return_value=httpx.Response(503))

    with pytest.raises(CleverUnavailable, match="503 after 4 attempts"):
        directory.find_person(TEACHER["id"])
    assert route.call_count == 4


@pytest.mark.parametrize(
    "fault",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("cut")],
)
def test_network_faults_are_retried(
    clever: respx.MockRouter, directory: HttpxCleverDirectory, fault: Exception
) -> None:
    route = clever.get(USER_URL).mock(side_effect=[fault, ok()])

    assert directory.find_person(TEACHER["id"]) is not None
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, CleverAuthError),
        (403, CleverAuthError),
        (400, CleverBadRequest),
        (413, CleverBadRequest),
        (404, CleverNotFound),
    ],
)
def test_client_errors_are_never_retried(
    clever: respx.MockRouter,
    directory: HttpxCleverDirectory,
    sleeps: Sleeps,
    status: int,
    error: type[Exception],
) -> None:
    route = clever.get(SECTIONS_URL).mock(
        return_value=httpx.Response(status, json={"message": "no"})
    )

    with pytest.raises(error):
        directory.teacher_roster(DISTRICT, TEACHER["id"], [])
    assert route.call_count == 1
    assert sleeps == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"data": [{"data": {"id": "c1", "name": "Ma', id="truncated JSON"),
        pytest.param(b"<html><body>502 Bad Gateway</body></html>", id="HTML"),
        pytest.param(b'{"links": []}', id="missing data"),
        pytest.param(b'{"data": {"id": "c1"}}', id="data not a list"),
        pytest.param(b'[{"data": {"id": "c1"}}]', id="not an object"),
        pytest.param(b'{"data": [], "links": "next"}', id="links not a list"),
    ],
)
def test_an_answer_that_is_not_the_envelope_is_a_failed_fetch_not_an_empty_roster(
    clever: respx.MockRouter, directory: HttpxCleverDirectory, body: bytes
) -> None:
    route = clever.get(SECTIONS_URL).mock(return_value=httpx.Response(200, content=body))

    with pytest.raises(CleverUnavailable):
        directory.teacher_roster(DISTRICT, TEACHER["id"], ["c1"])
    assert route.call_count == 1


def test_a_single_record_without_data_is_unavailable(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    clever.get(USER_URL).mock(return_value=httpx.Response(200, json={"links": []}))

    with pytest.raises(CleverUnavailable):
        directory.find_person(TEACHER["id"])


def test_tokens_stay_out_of_logs_and_errors(
    clever: respx.MockRouter,
    directory: HttpxCleverDirectory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clever.get(USER_URL).mock(side_effect=[httpx.Response(503), httpx.Response(401)])
    caplog.set_level("DEBUG")

    with pytest.raises(CleverAuthError) as raised:
        directory.find_person(TEACHER["id"])

    token = "district-token-abc123"
    assert clever.calls[0].request.headers["Authorization"] == f"Bearer {token}"
    assert token not in caplog.text and token not in str(raised.value)
    assert TEACHER["name"]["last"] not in caplog.text
    assert "503" in caplog.text
