"""The per-district event log behind `/events` (creation order = id order)."""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable

from .ids import IdSequence
from .org import iso
from .records import Record


class EventLog:
    def __init__(self, ids: IdSequence, clock: Callable[[], float]) -> None:
        self._sequence = ids
        self._clock = clock
        self._events: list[Record] = []
        self._ids: list[str] = []
        self._by_id: dict[str, Record] = {}

    def emit(self, event_type: str, obj: Record, previous: Record | None = None) -> Record:
        # Snapshot: later changes to the record must not rewrite history.
        payload: Record = {"object": copy.deepcopy(obj)}
        if previous is not None:
            payload["previous_attributes"] = copy.deepcopy(previous)
        event_id = self._sequence.next()
        event = {"id": event_id, "type": event_type, "created": iso(self._clock()), "data": payload}
        self._events.append(event)
        self._ids.append(event_id)
        self._by_id[event_id] = event
        return event

    def get(self, event_id: str) -> Record | None:
        """The event, or None when it never existed or has expired."""
        return self._by_id.get(event_id)

    def knows(self, event_id: str) -> bool:
        return event_id in self._by_id

    def live(self) -> list[Record]:
        """Unexpired events, oldest first; callers must not mutate the list."""
        return self._events

    def ids(self) -> list[str]:
        """Unexpired event ids (ascending); callers must not mutate the list."""
        return self._ids

    def last_id(self) -> str | None:
        return self._ids[-1] if self._ids else None

    def expire_before(self, event_id: str) -> int:
        """Forget events older than `event_id` (Clever keeps about 30 days)."""
        if event_id not in self._by_id:
            raise KeyError(event_id)
        cut = bisect.bisect_left(self._ids, event_id)
        for old in self._ids[:cut]:
            del self._by_id[old]
        del self._events[:cut]
        del self._ids[:cut]
        return cut

    def __len__(self) -> int:
        return len(self._events)
