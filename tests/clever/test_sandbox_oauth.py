"""The district-app token list against the sandbox's OAuth server."""

from __future__ import annotations

import pytest

from adapters.clever import CleverHttp, HttpxCleverOAuth
from application.errors import CleverAuthError
from clever_sandbox.server import RunningSandbox


def test_the_district_token_list(sandbox: RunningSandbox, http: CleverHttp) -> None:
    clever = sandbox.sandbox
    oauth = HttpxCleverOAuth(sandbox.url, clever.client_id, clever.client_secret, http=http)

    assert oauth.district_tokens() == {d: clever.district_token(d) for d in clever.districts}
    wrong = HttpxCleverOAuth(sandbox.url, clever.client_id, "not-the-secret", http=http)
    with pytest.raises(CleverAuthError):
        wrong.district_tokens()
