from __future__ import annotations

import time

from tests.persistence.backends import Backend

BROWSER = {"browser": "browser-1", "client": "address-1", "client_limit": 5}


def test_oauth_state_is_single_use(backend: Backend) -> None:
    backend.states.put("state-1", {"next": "/classes", "link": "1"}, 600, **BROWSER)

    assert backend.states.take("state-1", "browser-1") == {"next": "/classes", "link": "1"}
    assert backend.states.take("state-1", "browser-1") is None
    assert backend.states.take("never-issued", "browser-1") is None


def test_expired_oauth_state_is_refused(backend: Backend) -> None:
    backend.states.put("state-2", {"next": "/"}, 0, **BROWSER)
    time.sleep(0.01)

    assert backend.states.take("state-2", "browser-1") is None


def test_another_browser_cannot_take_or_spend_a_state(backend: Backend) -> None:
    backend.states.put("state-3", {"next": "/"}, 600, **BROWSER)

    assert backend.states.take("state-3", "browser-2") is None
    assert backend.states.take("state-3", "") is None
    assert backend.states.take("state-3", "browser-1") == {"next": "/"}


def test_one_address_keeps_a_bounded_number_of_states(backend: Backend) -> None:
    backend.states.put("elsewhere", {}, 600, browser="b", client="address-2", client_limit=5)
    for n in range(12):
        backend.states.put(f"flood-{n}", {}, 600 + n, **BROWSER)

    kept = [n for n in range(12) if backend.states.take(f"flood-{n}", "browser-1") is not None]
    assert kept == [7, 8, 9, 10, 11], "the address keeps only its newest five"
    assert backend.states.take("elsewhere", "b") == {}, "another address is untouched"


def test_an_authorization_code_is_accepted_once(backend: Backend) -> None:
    assert backend.states.first_use_of_code("digest-a", ttl_seconds=600)
    assert not backend.states.first_use_of_code("digest-a", ttl_seconds=600)
    assert backend.states.first_use_of_code("digest-b", ttl_seconds=600)


def test_tokens_are_kept_per_district(backend: Backend) -> None:
    backend.tokens.save_district_token("d1", "district-token-0")
    backend.tokens.save_district_token("d1", "district-token-1")
    backend.tokens.save_district_token("d2", "district-token-2")

    assert backend.tokens.district_tokens() == {"d1": "district-token-1", "d2": "district-token-2"}
