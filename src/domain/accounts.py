"""Accounts of the learning product, with or without Clever."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Role(StrEnum):
    TEACHER = "teacher"
    STUDENT = "student"


@dataclass(frozen=True, slots=True)
class Account:
    """A person who signs in: by email and password, by Clever, or both once linked.

    The Clever user id is the only key to a Clever identity; Clever does not verify emails.
    """

    id: int | None
    role: Role
    name: str
    email: str | None = None
    password_hash: str | None = None
    clever_id: str | None = None
    district_id: str | None = None

    @property
    def clever_linked(self) -> bool:
        return self.clever_id is not None

    def linked_to(self, clever_id: str, district_id: str) -> Account:
        return replace(self, clever_id=clever_id, district_id=district_id)
