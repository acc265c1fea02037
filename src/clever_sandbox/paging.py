"""Clever-style id paging: `starting_after`, `ending_before`, `limit`."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000


class LimitError(ValueError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Page:
    ids: list[str]
    has_before: bool
    has_after: bool


def parse_limit(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise LimitError(400, f"limit must be an integer, got {raw!r}") from None
    if limit < 1:
        raise LimitError(400, "limit must be at least 1")
    if limit > MAX_LIMIT:
        raise LimitError(413, f"limit must be at most {MAX_LIMIT}")
    return limit


def page_ids(
    sorted_ids: Sequence[str], limit: int, starting_after: str | None, ending_before: str | None
) -> Page:
    low = bisect.bisect_right(sorted_ids, starting_after) if starting_after else 0
    high = bisect.bisect_left(sorted_ids, ending_before) if ending_before else len(sorted_ids)
    if ending_before and not starting_after:
        start, end = max(low, high - limit), high
    else:
        start, end = low, min(high, low + limit)
    if start >= end:
        return Page([], start > 0, end < len(sorted_ids))
    return Page(list(sorted_ids[start:end]), start > 0, end < len(sorted_ids))
