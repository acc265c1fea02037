"""Damage done to valid sandbox records (with `set_raw`), and what the product must make of it.

REFUSED: the record is skipped and named by a problem; FLAGGED: a problem names it, yet it
still syncs; KEPT: it syncs exactly as sent; TOLERATED: it syncs, in whatever form.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from hypothesis import strategies as st

from clever_sandbox.state import Sandbox
from tests.reliability import hostile_values as hv


class Effect(Enum):
    REFUSED = "refused"
    FLAGGED = "flagged"
    KEPT = "kept"
    TOLERATED = "tolerated"


Path = tuple[str, ...]
FieldDamage = tuple[Path, st.SearchStrategy[Any], Effect]

STUDENT_DAMAGE: list[FieldDamage] = [
    (("name", "first"), hv.wrong_types, Effect.REFUSED),
    (("name", "last"), hv.odd_unicode, Effect.KEPT),
    (("name", "first"), hv.ten_thousand_characters, Effect.KEPT),
    (("name", "middle"), hv.unreadable_text, Effect.REFUSED),
    (("email",), hv.wrong_types, Effect.REFUSED),
    (("email",), hv.unreadable_text, Effect.REFUSED),
    (("email",), hv.ten_thousand_characters, Effect.TOLERATED),
    (("roles",), hv.wrong_types, Effect.REFUSED),
    (("roles", "student", "schools"), hv.wrong_types, Effect.REFUSED),
    (("roles", "student", "grade"), hv.unknown_grades, Effect.FLAGGED),
    (("roles", "student", "grade"), hv.wrong_types, Effect.FLAGGED),
    (("roles", "student", "grade"), hv.ten_thousand_characters, Effect.FLAGGED),
    (("roles", "student", "grade"), hv.unreadable_text, Effect.REFUSED),
    (("roles", "student", "ell_status"), hv.unknown_flags, Effect.FLAGGED),
    (("roles", "student", "iep_status"), hv.wrong_types, Effect.FLAGGED),
    (("roles", "student", "hispanic_ethnicity"), hv.unknown_flags, Effect.FLAGGED),
    (("roles", "student", "race"), hv.overlong_text, Effect.FLAGGED),
    (("roles", "student", "gender"), hv.wrong_types, Effect.FLAGGED),
    (("roles", "student", "frl_status"), hv.unreadable_text, Effect.REFUSED),
    (("district",), hv.ten_thousand_characters, Effect.REFUSED),
    (("district",), hv.wrong_types, Effect.REFUSED),
    (("id",), hv.ten_thousand_characters, Effect.REFUSED),
    (("id",), hv.unreadable_text, Effect.REFUSED),
    (("id",), hv.wrong_types, Effect.REFUSED),
]

SECTION_DAMAGE: list[FieldDamage] = [
    (("name",), hv.ten_thousand_characters, Effect.FLAGGED),
    (("name",), hv.odd_unicode, Effect.KEPT),
    (("name",), hv.unreadable_text, Effect.REFUSED),
    (("grade",), hv.unknown_grades, Effect.FLAGGED),
    (("grade",), hv.wrong_types, Effect.FLAGGED),
    (("subject",), hv.ten_thousand_characters, Effect.TOLERATED),
    (("period",), hv.odd_unicode, Effect.TOLERATED),
    (("students",), hv.wrong_types, Effect.REFUSED),
    (("school",), hv.ten_thousand_characters, Effect.REFUSED),
    (("school",), hv.wrong_types, Effect.REFUSED),
    (("id",), hv.wrong_types, Effect.REFUSED),
]

TEACHER_DAMAGE: list[FieldDamage] = [
    (("name", "first"), hv.wrong_types, Effect.REFUSED),
    (("name", "last"), hv.odd_unicode, Effect.KEPT),
    (("email",), hv.unreadable_text, Effect.REFUSED),
]

# Damage to a section's lists rather than its fields.
STRUCTURAL = (
    "unknown student",
    "primary teacher not in teachers",
    "duplicate student",
    "duplicate section",
)
UNKNOWN_STUDENT_ID = "ffffffffffffffffffff0000"


@dataclass
class Damage:
    kind: str  # students, teachers or sections
    target: str
    effect: Effect
    what: str
    path: Path = ()
    value: object = None

    def __str__(self) -> str:
        shown = repr(self.value)
        shown = shown if len(shown) <= 40 else f"{shown[:30]}... ({len(shown)} characters)"
        return f"{self.kind[:-1]} {self.target}: {self.what} = {shown} ({self.effect.value})"


def set_path(record: dict[str, Any], path: Path, value: object) -> None:
    node = record
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@dataclass
class RawEdits:
    """Changes to the sandbox's records that `undo` takes back, leaving the valid district."""

    sandbox: Sandbox
    originals: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    added: list[tuple[str, str]] = field(default_factory=list)

    def record(self, kind: str, record_id: str) -> dict[str, Any]:
        """A copy of the record to damage (the original is kept for undo)."""
        store = self.sandbox.store()
        current = getattr(store, kind).get(record_id)
        self.originals.setdefault((kind, record_id), copy.deepcopy(current))
        return copy.deepcopy(current)  # type: ignore[no-any-return]

    def put(self, kind: str, record_id: str, record: object) -> None:
        self.sandbox.set_raw(kind, record_id, record)  # type: ignore[arg-type]

    def add(self, kind: str, record_id: str, record: dict[str, Any]) -> None:
        self.added.append((kind, record_id))
        self.sandbox.set_raw(kind, record_id, record)

    def undo(self) -> None:
        store = self.sandbox.store()
        with self.sandbox.lock:
            for (kind, record_id), original in self.originals.items():
                getattr(store, kind).put(record_id, original)
            for kind, record_id in self.added:
                getattr(store, kind).remove(record_id)
            store.touch()
        self.originals.clear()
        self.added.clear()
