"""Tolerant reads from one Clever record: unknown keys are ignored, ``""`` and null mean unset."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping

# The longest id storage keeps (Clever's ids are 24 hex characters).
MAX_ID = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


class Malformed(Exception):
    """A record whose shape is wrong: it becomes a Problem and is skipped."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class Fields:
    def __init__(self, raw: Mapping[str, object], prefix: str = "") -> None:
        self.raw = raw
        self.prefix = prefix

    def value(self, key: str) -> object:
        """The raw value, with ``""`` read as unset (left to the domain to judge); text that no
        database can store is malformed."""
        value = self.raw.get(key)
        if not isinstance(value, str):
            return value
        # Most text is plain ASCII: only other text is looked at more closely.
        if ("\x00" in value or not value.isascii()) and (reason := unstorable(value)):
            raise Malformed(self.prefix + key, reason)
        return value or None

    def text(self, key: str) -> str | None:
        value = self.value(key)
        if value is not None and not isinstance(value, str):
            raise Malformed(self.prefix + key, f"expected text, got {type(value).__name__}")
        return value

    def required_id(self) -> str:
        value = self.clever_id("id")
        if value is None:
            raise Malformed("id", "record has no id")
        return value

    def clever_id(self, key: str) -> str | None:
        """An id-valued field (``id``, ``district``, ``school``, ``teacher``)."""
        value = self.text(key)
        if value is None:
            return None
        if len(value) > MAX_ID:
            raise Malformed(self.prefix + key, f"id longer than {MAX_ID} characters")
        # One string per id: a student's id recurs in every section that lists them.
        return sys.intern(value)

    def ids(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise Malformed(
                self.prefix + key, f"expected a list of ids, got {type(value).__name__}"
            )
        if _storable_ids(value):
            return tuple(sys.intern(item) for item in value if item)
        if not all(isinstance(item, str) for item in value):
            raise Malformed(self.prefix + key, "expected a list of ids, found a non-text entry")
        if any(len(item) > MAX_ID or unstorable(item) for item in value):
            raise Malformed(self.prefix + key, "expected a list of ids, found an unreadable id")
        return tuple(sys.intern(item) for item in value if item)

    def nested(self, key: str) -> Fields | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise Malformed(self.prefix + key, f"expected an object, got {type(value).__name__}")
        return Fields(value, f"{self.prefix}{key}.")

    def __contains__(self, key: str) -> bool:
        return key in self.raw


def unstorable(text: str) -> str | None:
    """Why no database can store this text (Postgres refuses NUL; a lone surrogate is not
    Unicode), or None when it can be stored."""
    if "\x00" in text:
        return "text contains a NUL character"
    if not text.isascii() and _SURROGATE.search(text):
        return "text is not valid Unicode"
    return None


def _storable_ids(items: list[object]) -> bool:
    """Whether every item is text short enough for an id that a database can store, checked on
    the list at once (a section lists dozens of ids)."""
    try:
        joined = "".join(items)  # type: ignore[arg-type]
    except TypeError:
        return False
    return (
        max(map(len, items), default=0) <= MAX_ID  # type: ignore[arg-type]
        and "\x00" not in joined
        and (joined.isascii() or not _SURROGATE.search(joined))
    )


def full_name(name: Fields | None) -> str:
    """'First Middle Last' with whitespace collapsed; parts that are unset are left out."""
    if name is None:
        return ""
    parts = [name.text(key) for key in ("first", "middle", "last")]
    return " ".join(" ".join(part for part in parts if part).split())
