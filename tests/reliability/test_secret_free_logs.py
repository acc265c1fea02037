"""Every log record the product writes at DEBUG, access log lines included, over Clever sign-ins,
a sync with a Clever hiccup, roster and demographics reads, a wrong password, sign-outs and the
daily job: no token, code, key, Authorization header, name or email."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import pytest

from clever_sandbox.server import RunningSandbox
from tests.reliability.clever_changes import sections_of
from tests.reliability.deployment import Deployment
from tests.reliability.live_app import SYNC, School, school_of
from tests.reliability.secrets import IssuedByClever, credentials, people
from tests.reliability.served_app import HttpBrowser, served_product

ROSTER = """query($id: ID!) { class(id: $id) { name students { name
    demographics { race gender ellStatus } } rosterHistory { student { name } } } }"""
ALWAYS_SECRET = ("Authorization", "Bearer ", "access_token", "client_secret")


def everything_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    """The root logger and every logger given a level of its own (uvicorn's, say) at DEBUG."""
    caplog.set_level(logging.DEBUG)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger) and logger.level != logging.NOTSET:
            caplog.set_level(logging.DEBUG, logger=name)


def product_records(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    """Leave out the test's own HTTP client (it runs on the main thread)."""
    main = threading.main_thread().ident

    def ours(record: logging.LogRecord) -> bool:
        return record.thread == main and record.name.startswith(("httpx", "httpcore"))

    return [r for r in records if not ours(r)]


def written(record: logging.LogRecord) -> str:
    return logging.Formatter("%(name)s %(levelname)s %(message)s").format(record)


def browse_as_everyone(url: str, clever: RunningSandbox, school: School) -> list[str]:
    """Sign-ins, a sync, reads, a wrong password and sign-outs; the session cookies used."""
    cookies = []
    teacher = sign_in(url, clever, school.teacher)
    clever.sandbox.faults.server_errors(1, 503)  # one retried request, logged as a warning
    synced = graphql(teacher, SYNC)
    assert synced["data"]["syncWithClever"]["status"] == "SUCCEEDED", synced
    taught = sections_of(clever.sandbox, school.teacher)
    section = next(s for s in taught if school.student in s["students"])
    roster = graphql(teacher, ROSTER, id=section["id"])
    assert roster["data"]["class"]["students"], roster
    student = sign_in(url, clever, school.student)
    assert graphql(student, "{ viewer { name classes { name } } }")["data"]["viewer"]
    teacher_email = clever.sandbox.sample_teacher()["email"]
    refused = student.service.post("/auth/login", data={"email": teacher_email, "password": "x"})
    assert refused.status_code in (200, 303, 400, 401, 403), refused.text
    for browser in (teacher, student):
        cookies.extend(browser.service.cookies.values())
        browser.service.post("/auth/logout")
        browser.close()
    return cookies


def sign_in(url: str, clever: RunningSandbox, user_id: str) -> HttpBrowser:
    browser = HttpBrowser(url, clever.url)
    callback = browser.pick_clever_user(browser.start_clever_login(), user_id)
    assert browser.visit(callback).status_code == 200
    return browser


def graphql(browser: HttpBrowser, query: str, **variables: object) -> dict:
    response = browser.service.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_logs_hold_no_secret_and_name_no_one(
    database_url: str,
    clever: RunningSandbox,
    deploy: Callable[..., Deployment],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    issued = IssuedByClever.record(clever.sandbox.auth, monkeypatch)
    product = deploy()  # grants Premium, and runs the daily job below
    school = school_of(clever)
    monkeypatch.setattr(logging.getLogger("uvicorn.access"), "propagate", True)
    everything_at_debug(caplog)

    with served_product(database_url, clever, monkeypatch) as url:
        cookies = browse_as_everyone(url, clever, school)
    product.sync_district(clever.sandbox.districts[0])

    records = product_records(caplog.records)
    lines = [written(r) for r in records]
    access = [line for line in lines if line.startswith("uvicorn.access")]
    assert any("/auth/clever/callback" in line for line in access), "no access log captured"
    assert any("retrying" in line for line in lines), "the Clever hiccup was not logged"
    assert issued.tokens and issued.codes
    secrets = credentials(clever, issued) | set(cookies) | set(ALWAYS_SECRET)
    everyone = people(clever)
    for line in lines:
        assert not [s for s in secrets if s in line], line[:300]
        assert not [p for p in everyone if p in line], line[:300]
    assert not [line for line in access if "code=" in line or "state=" in line]
