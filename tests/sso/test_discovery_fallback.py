"""Without a usable OpenID discovery document, sign-in falls back to plain OAuth plus /me."""

from __future__ import annotations

from typing import Any

import pytest

from clever_sandbox import oidc
from tests.sso.browser import Browser, query_of
from tests.sso.world import SsoWorld

genuine = oidc.discovery


def broken(issuer: str) -> dict[str, Any]:
    raise RuntimeError("discovery is down")


def foreign_issuer(issuer: str) -> dict[str, Any]:
    return genuine("https://not-clever.example")


@pytest.mark.parametrize("discovery", [broken, foreign_issuer])
def test_sign_in_works_with_plain_oauth_when_discovery_is_unusable(
    world: SsoWorld, browser: Browser, monkeypatch: pytest.MonkeyPatch, discovery: Any
) -> None:
    monkeypatch.setattr(oidc, "discovery", discovery)
    teacher = world.sandbox.sample_teacher()

    authorize = browser.start_clever_login()
    callback = browser.pick_clever_user(authorize, teacher["id"])
    browser.visit(callback)

    asked = query_of(authorize)
    assert "scope" not in asked and "nonce" not in asked and "code_challenge" not in asked
    account = world.account_of(teacher["id"])
    assert account is not None and browser.whoami()["account_id"] == account.id
