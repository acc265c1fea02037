"""Items of a Clever list -> records keyed by id, with malformed and repeated ones as Problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.fields import MAX_ID, Fields, Malformed, unstorable
from adapters.clever.http import JsonObject
from domain.problems import Problem


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)
Parser = Callable[[Fields], T | None]


@dataclass
class Collected(Generic[T]):
    records: dict[str, T] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    malformed: int = 0

    def add(self, item: object, record_type: str, parse: Parser[T]) -> T | None:
        """Keep the first record per id; a malformed or repeated one becomes a Problem."""
        data, clever_id = unwrap(item)
        if data is None:
            self._problem(record_type, clever_id, "data", "list item is not a record")
            return None
        try:
            record = parse(Fields(data))
        except Malformed as exc:
            self._problem(record_type, clever_id, exc.field, exc.message)
            return None
        if record is None:
            return None
        if record.id in self.records:
            self.problems.append(Problem(record_type, record.id, "id", "listed more than once"))
            return None
        self.records[record.id] = record
        return record

    def _problem(self, record_type: str, clever_id: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(record_type, clever_id, field_name, message))
        self.malformed += 1
        if clever_id:
            self.unreadable.add(clever_id)


def collect(items: Iterable[object], record_type: str, parse: Parser[T]) -> Collected[T]:
    collected: Collected[T] = Collected()
    for item in items:
        collected.add(item, record_type, parse)
    return collected


def single_record(body: JsonObject, path: str) -> JsonObject:
    """The ``data`` object of a one-record answer; anything else is not Clever's envelope."""
    data = body.get("data")
    if not isinstance(data, dict):
        raise CleverResponseInvalid(f"Clever GET {path}: answered without a data object")
    return data


def unwrap(item: object) -> tuple[JsonObject | None, str]:
    """A list item ``{"data": {...}, "uri": "/v3.1/users/<id>"}`` and the best id it offers."""
    if not isinstance(item, dict):
        return None, ""
    data = item.get("data")
    record = data if isinstance(data, dict) else None
    record_id = record.get("id") if record is not None else None
    if isinstance(record_id, str) and _printable_id(record_id):
        return record, record_id
    uri = item.get("uri")
    parts = uri.strip("/").split("/") if isinstance(uri, str) else []
    return record, parts[2] if len(parts) == 3 and _printable_id(parts[2]) else ""


def _printable_id(value: str) -> bool:
    """An id a problem can name: the problem is stored, so it must be storable text."""
    return 0 < len(value) <= MAX_ID and not unstorable(value)
