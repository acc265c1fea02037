from __future__ import annotations

import time

from tests.persistence.backends import Backend


def test_oauth_state_is_single_use(backend: Backend) -> None:
    backend.states.put("state-1", {"next": "/classes", "link": "1"}, ttl_seconds=600)

    assert backend.states.take("state-1") == {"next": "/classes", "link": "1"}
    assert backend.states.take("state-1") is None
    assert backend.states.take("never-issued") is None


def test_expired_oauth_state_is_refused(backend: Backend) -> None:
    backend.states.put("state-2", {"next": "/"}, ttl_seconds=0)
    time.sleep(0.01)

    assert backend.states.take("state-2") is None


def test_an_authorization_code_is_accepted_once(backend: Backend) -> None:
    assert backend.states.first_use_of_code("digest-a", ttl_seconds=600)
    assert not backend.states.first_use_of_code("digest-a", ttl_seconds=600)
    assert backend.states.first_use_of_code("digest-b", ttl_seconds=600)


def test_tokens_are_kept_per_user_and_per_district(backend: Backend) -> None:
    backend.tokens.save_user_token("t1", "user-token-1")
    backend.tokens.save_user_token("t1", "user-token-2")
    backend.tokens.save_district_token("d1", "district-token-1")
    backend.tokens.save_district_token("d2", "district-token-2")

    assert backend.tokens.user_token("t1") == "user-token-2"
    assert backend.tokens.user_token("t2") is None
    assert backend.tokens.district_tokens() == {"d1": "district-token-1", "d2": "district-token-2"}
