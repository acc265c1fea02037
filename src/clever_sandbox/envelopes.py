"""Clever's JSON envelopes: `{"data": ..., "links": [...]}` and list paging links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from .auth import Principal
from .paging import page_ids, parse_limit
from .records import Record
from .store import DistrictStore
from .versions import render

PAGING_KEYS = ("limit", "starting_after", "ending_before")


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(slots=True)
class ApiContext:
    store: DistrictStore
    principal: Principal
    version: str
    path: str
    query: QueryParams
    params: dict[str, str]

    @property
    def self_uri(self) -> str:
        return f"{self.path}?{self.query}" if str(self.query) else self.path

    def uri(self, collection: str, record_id: str) -> str:
        return f"/{self.version}/{collection}/{record_id}"


def single(ctx: ApiContext, kind: str, record: object) -> Record:
    return {
        "data": render(kind, record, ctx.version),
        "links": [{"rel": "self", "uri": ctx.self_uri}],
    }


def listing(
    ctx: ApiContext,
    kind: str,
    sorted_ids: Sequence[str],
    lookup: Callable[[str], object],
    uri_collection: str | None = None,
    render_item: Callable[[object], object] | None = None,
) -> Record:
    """One page of `sorted_ids`, with `next`/`prev` links when more exist."""
    limit = parse_limit(ctx.query.get("limit"))
    page = page_ids(
        sorted_ids, limit, ctx.query.get("starting_after"), ctx.query.get("ending_before")
    )
    show = render_item or (lambda record: render(kind, record, ctx.version))
    collection = uri_collection or kind
    items = [{"data": show(lookup(i)), "uri": ctx.uri(collection, i)} for i in page.ids]
    links = [{"rel": "self", "uri": ctx.self_uri}]
    filters = [(k, v) for k, v in ctx.query.multi_items() if k not in PAGING_KEYS]
    if page.ids and page.has_after:
        query = urlencode([("limit", limit), *filters, ("starting_after", page.ids[-1])])
        links.append({"rel": "next", "uri": f"{ctx.path}?{query}"})
    if (
        page.ids
        and page.has_before
        and (ctx.query.get("starting_after") or ctx.query.get("ending_before"))
    ):
        query = urlencode([("limit", limit), *filters, ("ending_before", page.ids[0])])
        links.append({"rel": "prev", "uri": f"{ctx.path}?{query}"})
    return {"data": items, "links": links}
