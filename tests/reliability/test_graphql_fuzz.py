"""Schemathesis, in GraphQL mode, sends generated queries and mutations (valid and invalid) to
the production-mode app, as an anonymous visitor, a teacher and a student who signed in through
Clever: never a 500, never a stack trace, and every error is one the API means to give."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from graphql_api.schema import MASKED_MESSAGE, build_schema
from tests.reliability.live_app import LiveProduct

EXAMPLES = int(os.environ.get("ROSTERSYNC_FUZZ_EXAMPLES", "40"))
PRINCIPALS = ("anonymous", "teacher", "student")
PUBLIC_CODES = {"UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "BAD_REQUEST"}
LEAKS = ("Traceback", 'File "', "sqlalchemy", "psycopg")
# A Python exception's name ("ValueError: …"); GraphQL's own "Syntax Error: …" (a document that
# does not parse, such as a lone surrogate in a Date literal) is the answer the spec gives.
PYTHON_EXCEPTION = re.compile(r"\w(?:Error|Exception):")


def api_operations(app: Any = None) -> dict[str, Any]:
    """Every root field, read from the schema as development serves it (production refuses
    introspection), sent to ``app``."""
    schema = schemathesis.graphql.from_dict(build_schema(False).introspect())
    schema.app = app
    schema.location = "/graphql"
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


@pytest.fixture(scope="module")
def operations(live: LiveProduct) -> dict[str, Any]:
    return api_operations(live.app)


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
@pytest.mark.parametrize("label", sorted(api_operations()))
def test_generated_operations_never_crash_the_api(
    label: str, mode: GenerationMode, live: LiveProduct, operations: dict[str, Any]
) -> None:
    operation = operations[label]
    sent: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case: Any) -> None:
        sent.append(case.body)
        for who in PRINCIPALS:
            cookies = {} if who == "anonymous" else live.session_cookie(who)
            response = case.call(cookies=cookies)
            assert response.status_code < 500, (who, case.body, response.text)
            assert_no_leak(response.text, who)
            for error in response.json().get("errors") or []:
                assert error["message"] != MASKED_MESSAGE, (who, case.body, error)
                if "path" in error:
                    code = error.get("extensions", {}).get("code")
                    assert code in PUBLIC_CODES, (who, case.body, error)

    send()
    assert len(set(map(str, sent))) > EXAMPLES // 4, "schemathesis sent too few distinct queries"


def assert_no_leak(text: str, who: str) -> None:
    for leak in LEAKS:
        assert leak not in text, (who, leak, text[:500])
    assert not PYTHON_EXCEPTION.search(text), (who, text[:500])


def test_the_checks_see_a_masked_crash(live: LiveProduct, monkeypatch: pytest.MonkeyPatch) -> None:
    """A resolver crash is masked in production, and the masked message is what fails the fuzz."""

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom in the reader")

    monkeypatch.setattr(live.deployment.services.reader, "sync_runs_for_teacher", broken)
    response = live.browsers["teacher"].service.post(
        "/graphql", json={"query": "{ viewer { syncRuns { id } } }"}
    )

    assert response.status_code == 200
    assert [e["message"] for e in response.json()["errors"]] == [MASKED_MESSAGE]
    assert "boom" not in response.text
