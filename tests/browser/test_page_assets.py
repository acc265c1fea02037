"""The Manage Classes page is served whole from this origin: every file it loads exists,
and nothing is fetched from the internet (no CDN, no web font)."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from graphql_api.pages.routes import STATIC_DIR
from tests.graphql.world import GraphWorld

ASSET_REFERENCE = re.compile(r'(?:src|href)="(/static/[^"]+)"')
MODULE_IMPORT = re.compile(r'from "\./([\w-]+\.js)"')
EXTERNAL = re.compile(r"(https?:)?//[\w.-]+\.\w+/|@import|url\(")


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The whole app: the page's headers come from the policy every answer carries."""
    return GraphWorld.build().client()


def test_the_page_is_html_locked_to_its_own_origin(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "Log in with Clever" in response.text


def test_every_file_the_page_loads_is_served(client: TestClient) -> None:
    page = client.get("/").text
    pending = ASSET_REFERENCE.findall(page)
    assert "/static/js/main.js" in pending and "/static/app.css" in pending
    seen: set[str] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        if path.endswith(".js"):
            assert "javascript" in response.headers["content-type"], path
            pending += [f"/static/js/{name}" for name in MODULE_IMPORT.findall(response.text)]
    shipped = {f"/static/{p.relative_to(STATIC_DIR).as_posix()}" for p in STATIC_DIR.rglob("*.js")}
    assert shipped <= seen, f"modules nothing imports: {sorted(shipped - seen)}"


def test_nothing_is_fetched_from_elsewhere() -> None:
    for asset in [
        *STATIC_DIR.rglob("*.js"),
        *STATIC_DIR.rglob("*.css"),
        *STATIC_DIR.rglob("*.html"),
    ]:
        external = EXTERNAL.search(asset.read_text())
        assert external is None, f"{asset.name} refers to {external.group(0)!r}"


def test_an_unknown_asset_is_not_found(client: TestClient) -> None:
    assert client.get("/static/js/missing.js").status_code == 404
