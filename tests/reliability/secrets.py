"""What must never be written down in plain text: tokens, codes and keys, and who the people are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from clever_sandbox.auth import AuthRegistry
from clever_sandbox.server import RunningSandbox
from tests.reliability.deployment import SECRET_KEY, TOKEN_KEY


@dataclass
class IssuedByClever:
    """Every user token and authorization code the sandbox hands out while a test runs."""

    tokens: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    @classmethod
    def record(cls, auth: AuthRegistry, monkeypatch: pytest.MonkeyPatch) -> IssuedByClever:
        issued = cls()
        issue_token, issue_code = auth.issue_user_token, auth.issue_code

        def token(*args: Any, **kwargs: Any) -> str:
            issued.tokens.append(issue_token(*args, **kwargs))
            return issued.tokens[-1]

        def code(*args: Any, **kwargs: Any) -> str:
            issued.codes.append(issue_code(*args, **kwargs))
            return issued.codes[-1]

        monkeypatch.setattr(auth, "issue_user_token", token)
        monkeypatch.setattr(auth, "issue_code", code)
        return issued


def credentials(clever: RunningSandbox, issued: IssuedByClever) -> set[str]:
    sandbox = clever.sandbox
    district_tokens = {sandbox.district_token(d) for d in sandbox.districts}
    keys = {sandbox.client_secret, SECRET_KEY, TOKEN_KEY}
    return district_tokens | keys | set(issued.tokens) | set(issued.codes)


def people(clever: RunningSandbox, district_id: str | None = None) -> set[str]:
    """Every teacher's and student's name (as the product writes it) and email."""
    sandbox = clever.sandbox
    return names_and_emails([*sandbox.teachers(district_id), *sandbox.students(district_id)])


def names_and_emails(records: Iterable[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for person in records:
        name = person.get("name") or {}
        parts = [name.get("first"), name.get("middle"), name.get("last")]
        found.add(" ".join(p for p in parts if p))
        found.add(f"{name.get('first')} {name.get('last')}")
        for role in (person.get("roles") or {}).values():
            found.add(role.get("email") or "")
        found.add(person.get("email") or "")
    return found - {""}
