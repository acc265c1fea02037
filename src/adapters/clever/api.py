"""Clever's Data API at one version (``{api_url}/v3.1/...``): single records and paged lists."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from adapters.clever.http import CleverHttp, JsonObject
from adapters.clever.listing import single_record
from adapters.clever.paging import MAX_PAGE_SIZE, list_items

VERSIONS = ("v3.0", "v3.1")


class DataApi:
    def __init__(
        self, http: CleverHttp, api_url: str, version: str, page_size: int = MAX_PAGE_SIZE
    ) -> None:
        if version not in VERSIONS:
            raise ValueError(f"Clever API version must be one of {', '.join(VERSIONS)}")
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        self.http = http
        self.version = version
        self.page_size = page_size
        self.base_url = f"{api_url.rstrip('/')}/{version}"

    def get(self, path: str, token: str) -> JsonObject:
        """The whole answer of a non-list endpoint such as ``/me``."""
        return self.http.get(self.base_url + path, bearer=token)

    def record(self, path: str, token: str) -> JsonObject:
        """The ``data`` object of a one-record endpoint such as ``/users/{id}``."""
        return single_record(self.get(path, token), f"/{self.version}{path}")

    def items(
        self, path: str, token: str, params: dict[str, str] | None = None
    ) -> Iterator[object]:
        return list_items(self.http, self.base_url + path, token, self.page_size, params)


def segment(clever_id: str) -> str:
    """An id as one path segment, so a strange id can never reach another endpoint."""
    return quote(clever_id, safe="")
