"""One district's mutable records plus lazily rebuilt lookup indexes."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .collection import Collection
from .events import EventLog
from .generate import District
from .ids import IdSequence
from .records import Record

ROLES = ("teacher", "student")


@dataclass(frozen=True, slots=True)
class Index:
    user_sections: dict[str, list[str]]
    school_sections: dict[str, list[str]]
    school_users: dict[tuple[str, str], list[str]]


class DistrictStore:
    def __init__(
        self, data: District, seed: int, index: int, token: str, clock: Callable[[], float]
    ) -> None:
        self.id = data.id
        self.token = token
        self.record = data.district
        self.schools = Collection(data.schools)
        self.terms = Collection(data.terms)
        self.courses = Collection(data.courses)
        self.teachers = Collection(data.teachers)
        self.students = Collection(data.students)
        self.sections = Collection(data.sections)
        self.hidden_sections: dict[str, Record] = {}
        self.events = EventLog(IdSequence.for_kind(seed, index, "event"), clock)
        self.rng = random.Random(f"clever-sandbox-changes:{seed}:{index}")
        self._sequences = {
            kind: _resume(getattr(self, kind), seed, index, kind.rstrip("s"))
            for kind in ("teachers", "students", "sections", "terms")
        }
        self.version = 0
        self._index: Index | None = None
        self._index_version = -1

    def new_id(self, kind: str) -> str:
        return self._sequences[kind].next()

    def users(self, role: str) -> Collection:
        return self.teachers if role == "teacher" else self.students

    def user(self, user_id: str) -> Record | None:
        return self.teachers.get(user_id) or self.students.get(user_id)

    def role_of(self, user_id: str) -> str | None:
        if user_id in self.teachers:
            return "teacher"
        return "student" if user_id in self.students else None

    def touch(self) -> None:
        self.version += 1

    def index(self) -> Index:
        if self._index is None or self._index_version != self.version:
            self._index = _build_index(self)
            self._index_version = self.version
        return self._index


def _resume(collection: Collection, seed: int, index: int, kind: str) -> IdSequence:
    last = collection.last_id()
    if last is None or len(last) != 24:
        return IdSequence.for_kind(seed, index, kind)
    return IdSequence.resume_after(last)


def _strings(value: object) -> list[str]:
    # Raw (deliberately malformed) records may hold anything.
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _build_index(store: DistrictStore) -> Index:
    user_sections: dict[str, list[str]] = {}
    school_sections: dict[str, list[str]] = {}
    for section_id in store.sections.ids():
        section = store.sections.get(section_id) or {}
        school = section.get("school")
        if isinstance(school, str):
            school_sections.setdefault(school, []).append(section_id)
        members = set(_strings(section.get("students"))) | set(_strings(section.get("teachers")))
        for user_id in members:
            user_sections.setdefault(user_id, []).append(section_id)
    school_users: dict[tuple[str, str], list[str]] = {}
    for role in ROLES:
        users = store.users(role)
        for user_id in users.ids():
            roles = (users.get(user_id) or {}).get("roles")
            role_record = roles.get(role) if isinstance(roles, dict) else None
            if not isinstance(role_record, dict):
                continue
            for school in set(_strings(role_record.get("schools"))):
                school_users.setdefault((school, role), []).append(user_id)
    return Index(user_sections, school_sections, school_users)
