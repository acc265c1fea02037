"""Only same-origin relative paths survive as the page to return to."""

from __future__ import annotations

import pytest

from graphql_api.auth.clever_redirects import clever_district_hint, safe_next


@pytest.mark.parametrize(
    "value",
    ["/", "/account", "/classes/abc?tab=roster#top", "/a/b%2F%2Fc", "/search?q=//x"],
)
def test_paths_on_this_site_are_kept(value: str) -> None:
    assert safe_next(value) == value


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        " /x",
        "/x y",
        "/" + "a" * 3000,
    ],
)
def test_anything_else_goes_home(value: str | None) -> None:
    assert safe_next(value) == "/"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("642fe53bf6d99d450b000010", "642fe53bf6d99d450b000010"),
        ("x&y=z", None),
        ("", None),
        (None, None),
    ],
)
def test_only_plain_district_ids_are_passed_to_clever(value: str | None, hint: str | None) -> None:
    assert clever_district_hint(value) == hint
