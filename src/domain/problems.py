"""Problems: bad data from Clever, recorded on a sync run instead of stopping it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    record_type: str
    clever_id: str
    field: str
    message: str


class InvalidValue(ValueError):
    """A value Clever sent that the domain cannot accept."""
