"""Deterministic 24-hex ids shaped like Clever's (Mongo ObjectId) ids.

An id is an 8-hex "timestamp", a 10-hex part hashed from seed/district/kind
and a 6-hex counter, so ids of one collection ascend in creation order, which
is what `starting_after` paging relies on.
"""

from __future__ import annotations

import hashlib

_COUNTER_LIMIT = 0xFFFFFF
BASE_EPOCH = 1_690_000_000  # mid 2023; ids look like real ones from that time


def _digest(*parts: object) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()


class IdSequence:
    """Hands out ascending ids for one collection."""

    def __init__(self, prefix: str, counter: int) -> None:
        if len(prefix) != 18:
            raise ValueError("id prefix must be 18 hex characters")
        self._prefix = prefix
        self._counter = counter

    @classmethod
    def for_kind(cls, seed: int, district_index: int, kind: str) -> IdSequence:
        digest = _digest("clever-sandbox", seed, district_index, kind)
        stamp = BASE_EPOCH + int(digest[:6], 16) % 20_000_000
        return cls(f"{stamp:08x}" + digest[6:16], int(digest[16:19], 16))

    @classmethod
    def resume_after(cls, last_id: str) -> IdSequence:
        """Continue a sequence whose newest id is `last_id`."""
        return cls(last_id[:18], int(last_id[18:], 16))

    def next(self) -> str:
        self._counter += 1
        if self._counter > _COUNTER_LIMIT:
            raise OverflowError("id sequence exhausted")
        return f"{self._prefix}{self._counter:06x}"


def district_id(seed: int, district_index: int) -> str:
    """District ids share one prefix per seed so they ascend by index."""
    digest = _digest("clever-sandbox-district", seed)
    stamp = BASE_EPOCH - 10_000_000 + int(digest[:6], 16) % 1_000_000
    return f"{stamp:08x}{digest[6:16]}{0x10 + district_index:06x}"


def token_for(*parts: object) -> str:
    """A stable 40-hex bearer token derived from its parts."""
    return _digest("clever-sandbox-token", *parts)[:40]
