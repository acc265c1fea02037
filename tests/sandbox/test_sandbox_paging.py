"""Clever-style id paging over the HTTP API."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clever_sandbox.paging import page_ids
from clever_sandbox.state import Sandbox


def _walk(client: httpx.Client, first_uri: str) -> tuple[list[str], int]:
    ids: list[str] = []
    uri: str | None = first_uri
    pages = 0
    while uri:
        body = client.get(uri).json()
        pages += 1
        ids += [item["data"]["id"] for item in body["data"]]
        uri = next((link["uri"] for link in body["links"] if link["rel"] == "next"), None)
    return ids, pages


@pytest.mark.parametrize(
    "collection", ["sections", "users?role=student", "users?role=teacher", "users", "schools"]
)
def test_small_pages_yield_every_id_once_in_order(
    client: httpx.Client, sandbox: Sandbox, collection: str
) -> None:
    separator = "&" if "?" in collection else "?"
    ids, pages = _walk(client, f"/v3.1/{collection}{separator}limit=7")
    expected = {
        "sections": sandbox.sections(),
        "users?role=student": sandbox.students(),
        "users?role=teacher": sandbox.teachers(),
        "users": sandbox.students() + sandbox.teachers(),
        "schools": sandbox.schools(),
    }[collection]
    assert len(ids) == len(set(ids)) == len(expected)
    assert set(ids) == {record["id"] for record in expected}
    assert ids == sorted(ids)
    assert pages == -(-len(expected) // 7)


def test_next_link_keeps_filters_and_uses_last_id(client: httpx.Client) -> None:
    body = client.get("/v3.1/users?role=teacher&limit=2").json()
    last = body["data"][-1]["data"]["id"]
    links = {link["rel"]: link["uri"] for link in body["links"]}
    assert links["self"] == "/v3.1/users?role=teacher&limit=2"
    assert links["next"] == f"/v3.1/users?limit=2&role=teacher&starting_after={last}"
    assert "prev" not in links


def test_prev_link_and_ending_before(client: httpx.Client, sandbox: Sandbox) -> None:
    ids = [s["id"] for s in sandbox.sections()]
    body = client.get(f"/v3.1/sections?limit=3&starting_after={ids[4]}").json()
    assert [i["data"]["id"] for i in body["data"]] == ids[5:8]
    prev = next(link["uri"] for link in body["links"] if link["rel"] == "prev")
    assert prev.endswith(f"ending_before={ids[5]}")
    back = client.get(prev).json()
    assert [i["data"]["id"] for i in back["data"]] == ids[2:5]


def test_default_limit_is_100(client: httpx.Client) -> None:
    assert len(client.get("/v3.1/users?role=student").json()["data"]) == 100


def test_one_page_answer_has_only_self_link(client: httpx.Client) -> None:
    body = client.get("/v3.1/schools").json()
    assert [link["rel"] for link in body["links"]] == ["self"]


@pytest.mark.parametrize(("limit", "status"), [("10001", 413), ("ten", 400), ("0", 400)])
def test_bad_limits(client: httpx.Client, limit: str, status: int) -> None:
    response = client.get(f"/v3.1/sections?limit={limit}")
    assert response.status_code == status
    assert "message" in response.json()


def test_limit_10000_is_allowed(client: httpx.Client) -> None:
    assert client.get("/v3.1/users?limit=10000").status_code == 200


def test_page_ids_edges() -> None:
    ids = [f"{i:024x}" for i in range(10)]
    assert page_ids(ids, 3, None, None).ids == ids[:3]
    assert page_ids(ids, 3, ids[8], None).ids == [ids[9]]
    assert page_ids(ids, 3, ids[9], None).ids == []
    assert page_ids(ids, 3, None, ids[2]).ids == ids[:2]
    assert page_ids(ids, 5, ids[1], ids[4]).ids == ids[2:4]
    assert page_ids(ids, 2, None, "last").ids == ids[8:]


@given(
    ids=st.lists(st.text("0123456789abcdef", min_size=24, max_size=24), unique=True).map(sorted),
    limit=st.integers(1, 12),
)
def test_following_starting_after_visits_each_id_once(ids: list[str], limit: int) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        page = page_ids(ids, limit, cursor, None)
        seen += page.ids
        if not page.has_after or not page.ids:
            break
        cursor = page.ids[-1]
    assert seen == ids
