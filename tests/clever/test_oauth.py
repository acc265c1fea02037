"""Clever's OAuth server: district-app tokens (cached, refreshable, storable)."""

from __future__ import annotations

import base64

import httpx
import pytest
import respx

from adapters.clever import CleverHttp, HttpxCleverOAuth, StoredDistrictTokens
from adapters.memory.tokens import FakeCleverTokenStore
from application.errors import CleverAuthError, CleverUnavailable
from tests.clever.conftest import OAUTH

BASIC = "Basic " + base64.b64encode(b"client-id:client-secret").decode()


def token_list(*pairs: tuple[str, str]) -> dict:
    rows = [
        {"id": f"rec{i}", "owner": {"type": "district", "id": d}, "access_token": t, "scopes": []}
        for i, (d, t) in enumerate(pairs)
    ]
    return {"data": rows, "links": [{"rel": "self", "uri": "/oauth/tokens"}]}


@pytest.fixture
def oauth(http: CleverHttp) -> HttpxCleverOAuth:
    return HttpxCleverOAuth(OAUTH, "client-id", "client-secret", http=http)


@pytest.fixture
def tokens_route() -> respx.Route:
    return respx.get(f"{OAUTH}/oauth/tokens", params={"owner_type": "district"})


@respx.mock
def test_district_tokens_are_listed_with_client_credentials_and_cached(
    oauth: HttpxCleverOAuth, tokens_route: respx.Route
) -> None:
    tokens_route.mock(return_value=httpx.Response(200, json=token_list(("d1", "t1"), ("d2", "t2"))))

    assert oauth.district_tokens() == {"d1": "t1", "d2": "t2"}
    assert oauth.district_tokens() == {"d1": "t1", "d2": "t2"}
    assert tokens_route.call_count == 1
    assert tokens_route.calls[0].request.headers["Authorization"] == BASIC


@respx.mock
def test_forgotten_tokens_are_listed_again(
    oauth: HttpxCleverOAuth, tokens_route: respx.Route
) -> None:
    tokens_route.mock(
        side_effect=[
            httpx.Response(200, json=token_list(("d1", "old"))),
            httpx.Response(200, json=token_list(("d1", "new"))),
        ]
    )
    oauth.district_tokens()

    oauth.forget_district_tokens()

    assert oauth.district_tokens() == {"d1": "new"}


@respx.mock
def test_entries_that_are_not_district_tokens_are_skipped(
    oauth: HttpxCleverOAuth, tokens_route: respx.Route
) -> None:
    body = token_list(("d1", "t1"))
    body["data"] += [
        {"owner": {"type": "district"}, "access_token": "x"},
        "junk",
        {"owner": {"type": "user", "id": "u1"}, "access_token": "y"},
    ]
    tokens_route.mock(return_value=httpx.Response(200, json=body))

    assert oauth.district_tokens() == {"d1": "t1"}


@respx.mock
def test_wrong_client_credentials_are_an_auth_error(
    oauth: HttpxCleverOAuth, tokens_route: respx.Route
) -> None:
    tokens_route.mock(return_value=httpx.Response(401, json={"error": "invalid_client"}))

    with pytest.raises(CleverAuthError, match="invalid_client"):
        oauth.district_tokens()


class ListedTokens:
    def __init__(self, tokens: dict[str, str] | None) -> None:
        self.tokens = tokens

    def district_tokens(self) -> dict[str, str]:
        if self.tokens is None:
            raise CleverUnavailable("Clever is down")
        return dict(self.tokens)

    def forget_district_tokens(self) -> None:
        pass


def test_listed_tokens_are_kept_in_the_store_and_serve_while_clever_is_down() -> None:
    store = FakeCleverTokenStore()
    clever = ListedTokens({"d1": "t1"})
    provider = StoredDistrictTokens(clever, store)

    assert provider.district_tokens() == {"d1": "t1"}
    assert store.district_tokens() == {"d1": "t1"}

    clever.tokens = None
    assert provider.district_tokens() == {"d1": "t1"}


def test_with_nothing_stored_clever_being_down_is_an_error() -> None:
    with pytest.raises(CleverUnavailable):
        StoredDistrictTokens(ListedTokens(None), FakeCleverTokenStore()).district_tokens()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@respx.mock
def test_a_district_connected_later_is_listed_once_the_list_is_old(
    http: CleverHttp, tokens_route: respx.Route
) -> None:
    clock = Clock()
    oauth = HttpxCleverOAuth(
        OAUTH, "client-id", "client-secret", http=http, max_age_seconds=600, clock=clock
    )
    tokens_route.mock(
        side_effect=[
            httpx.Response(200, json=token_list(("d1", "t1"))),
            httpx.Response(200, json=token_list(("d1", "t1"), ("d2", "t2"))),
        ]
    )
    assert oauth.district_tokens() == {"d1": "t1"}

    clock.now = 599
    assert oauth.district_tokens() == {"d1": "t1"}
    clock.now = 600
    assert oauth.district_tokens() == {"d1": "t1", "d2": "t2"}
    assert tokens_route.call_count == 2


@respx.mock
def test_an_old_list_that_cannot_be_read_again_keeps_serving_until_the_next_try(
    http: CleverHttp, tokens_route: respx.Route
) -> None:
    clock = Clock()
    oauth = HttpxCleverOAuth(
        OAUTH, "client-id", "client-secret", http=http, max_age_seconds=600, clock=clock
    )
    tokens_route.mock(
        side_effect=[
            httpx.Response(200, json=token_list(("d1", "t1"))),
            *[httpx.Response(503)] * http.retry.attempts,
            httpx.Response(200, json=token_list(("d2", "t2"))),
        ]
    )
    oauth.district_tokens()
    clock.now = 600

    assert oauth.district_tokens() == {"d1": "t1"}
    failed = tokens_route.call_count
    assert oauth.district_tokens() == {"d1": "t1"}
    assert tokens_route.call_count == failed
    clock.now = 1200
    assert oauth.district_tokens() == {"d2": "t2"}


class CountingTokenStore(FakeCleverTokenStore):
    def __init__(self, tokens: dict[str, str]) -> None:
        super().__init__()
        self.districts = dict(tokens)
        self.saved: list[str] = []

    def save_district_token(self, district_id: str, token: str) -> None:
        self.saved.append(district_id)
        super().save_district_token(district_id, token)


def test_a_new_process_writes_only_the_tokens_that_changed() -> None:
    listed = {f"d{n}": f"t{n}" for n in range(2000)}
    store = CountingTokenStore({**listed, "d7": "revoked"})
    listed["d2000"] = "t2000"

    assert StoredDistrictTokens(ListedTokens(listed), store).district_tokens() == listed
    assert sorted(store.saved) == ["d2000", "d7"]
    assert store.district_tokens() == listed
