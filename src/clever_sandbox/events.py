"""The per-district event log behind `/events` (creation order = id order)."""

from __future__ import annotations

import copy
from collections.abc import Callable

from .ids import IdSequence
from .org import iso


class EventLog:
    def __init__(self, ids: IdSequence, clock: Callable[[], float]) -> None:
        self._ids = ids
        self._clock = clock
        self._events: list[dict] = []
        self._position: dict[str, int] = {}
        self._first_live = 0

    def emit(self, event_type: str, obj: dict, previous: dict | None = None) -> dict:
        # Snapshot: later changes to the record must not rewrite history.
        payload: dict = {"object": copy.deepcopy(obj)}
        if previous is not None:
            payload["previous_attributes"] = copy.deepcopy(previous)
        event = {
            "id": self._ids.next(),
            "type": event_type,
            "created": iso(self._clock()),
            "data": payload,
        }
        self._position[event["id"]] = len(self._events)
        self._events.append(event)
        return event

    def get(self, event_id: str) -> dict | None:
        position = self._position.get(event_id)
        if position is None or position < self._first_live:
            return None
        return self._events[position]

    def knows(self, event_id: str) -> bool:
        return self.get(event_id) is not None

    def live(self) -> list[dict]:
        return self._events[self._first_live :]

    def live_ids(self) -> list[str]:
        return [e["id"] for e in self._events[self._first_live :]]

    def last_id(self) -> str | None:
        return self._events[-1]["id"] if len(self._events) > self._first_live else None

    def expire_before(self, event_id: str) -> int:
        """Drop events older than `event_id` (Clever keeps about 30 days)."""
        position = self._position.get(event_id)
        if position is None:
            raise KeyError(event_id)
        expired = max(0, position - self._first_live)
        self._first_live = max(self._first_live, position)
        return expired

    def __len__(self) -> int:
        return len(self._events) - self._first_live
