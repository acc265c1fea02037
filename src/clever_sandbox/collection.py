"""An id-keyed record collection whose ids stay sorted (for id paging)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from .records import Record


class Collection:
    def __init__(self, records: Iterable[Record] = ()) -> None:
        self._by_id: dict[str, Record] = {}
        for record in records:
            self._by_id[record["id"]] = record
        self._ids = sorted(self._by_id)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def __iter__(self) -> Iterator[Record]:
        return (self._by_id[i] for i in self._ids)

    def get(self, record_id: str) -> Record | None:
        return self._by_id.get(record_id)

    def ids(self) -> list[str]:
        """Sorted ids; callers must not mutate the list."""
        return self._ids

    def last_id(self) -> str | None:
        return self._ids[-1] if self._ids else None

    def put(self, record_id: str, record: Record) -> None:
        if record_id not in self._by_id:
            bisect.insort(self._ids, record_id)
        self._by_id[record_id] = record

    def remove(self, record_id: str) -> Record | None:
        record = self._by_id.pop(record_id, None)
        if record is not None:
            del self._ids[bisect.bisect_left(self._ids, record_id)]
        return record
