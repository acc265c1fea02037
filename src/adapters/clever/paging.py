"""Clever's list envelopes: ``{"data": [...], "links": [...]}`` followed page by page."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx

from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.http import CleverHttp, JsonObject

log = logging.getLogger(__name__)

MAX_PAGE_SIZE = 10_000


def list_items(
    http: CleverHttp, url: str, token: str, page_size: int, params: dict[str, str] | None = None
) -> Iterator[object]:
    """Every item of a paged list; ``limit`` is on every request, ``next`` links are followed
    until there is none or a page is empty. A page that is not the envelope raises."""
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    origin = httpx.URL(url)
    current = httpx.URL(url, params={**(params or {}), "limit": str(page_size)})
    visited = {str(current)}
    pages = items = 0
    # The next page is asked for while the consumer works through this one: Clever's time to
    # answer overlaps ours to parse, instead of adding up page after page. The page is asked
    # for in the caller's context, so it spends the caller's share of the Clever budget.
    context = contextvars.copy_context()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="clever-next-page") as ahead:
        pending = ahead.submit(context.run, http.get, str(current), bearer=token)
        while True:
            data, links = _envelope(pending.result(), origin.path)
            pages += 1
            items += len(data)
            following = _next_link(links, origin.path) if data else None
            if following is not None:
                current = _resolve(origin, following, page_size)
                if str(current) in visited:
                    raise CleverResponseInvalid(
                        f"Clever GET {origin.path}: next link goes back to a page"
                    )
                visited.add(str(current))
                pending = ahead.submit(context.run, http.get, str(current), bearer=token)
            yield from data
            if following is None:
                break
    log.debug("Clever GET %s: %d items in %d pages", origin.path, items, pages)


def _envelope(body: JsonObject, path: str) -> tuple[list[object], list[object]]:
    data = body.get("data")
    if not isinstance(data, list):
        what = "no data" if data is None else "data that is not a list"
        raise CleverResponseInvalid(f"Clever GET {path}: answered a list with {what}")
    links = body.get("links", [])
    if links is None:
        links = []
    if not isinstance(links, list):
        raise CleverResponseInvalid(f"Clever GET {path}: links is not a list")
    return data, links


def _next_link(links: list[object], path: str) -> str | None:
    for link in links:
        if isinstance(link, dict) and link.get("rel") == "next":
            uri = link.get("uri")
            if not isinstance(uri, str) or not uri:
                raise CleverResponseInvalid(f"Clever GET {path}: next link has no uri")
            return uri
    return None


def _resolve(origin: httpx.URL, uri: str, page_size: int) -> httpx.URL:
    """A relative next uri against Clever's host; never another host (the token goes along)."""
    target = origin.join(uri)
    if (target.scheme, target.host, target.port) != (origin.scheme, origin.host, origin.port):
        raise CleverResponseInvalid(f"Clever GET {origin.path}: next link points to another host")
    if "limit" not in target.params:
        target = target.copy_add_param("limit", str(page_size))
    return target
