"""The sandbox world: generated districts, tokens, faults and scripted changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from . import samples, school_year
from . import section_changes as sections_ops
from . import user_changes as users_ops
from .auth import AuthRegistry
from .batch import apply_change_fraction
from .counters import RateLimiter, RequestLog
from .faults import Faults
from .generate import generate_district
from .ids import token_for
from .org import iso
from .records import Record
from .section_changes import UnknownRecord
from .store import DistrictStore

RAW_KINDS = ("students", "teachers", "sections", "schools", "terms", "courses")


class Sandbox:
    def __init__(
        self,
        seed: int = 1,
        students: int = 2000,
        districts: int = 1,
        client_id: str = "sandbox-client-id",
        client_secret: str = "sandbox-client-secret",
        *,
        public_url: str = "http://127.0.0.1:8001",
        clock: Callable[[], float] = time.time,
        code_ttl_seconds: float = 60.0,
        rate_limit_per_minute: int = 1200,
    ) -> None:
        self.seed = seed
        self.client_id = client_id
        self.client_secret = client_secret
        self.public_url = public_url.rstrip("/")
        self.clock = clock
        self.lock = threading.RLock()
        self.auth = AuthRegistry(clock, code_ttl_seconds)
        self.faults = Faults()
        self.requests = RequestLog()
        self.rate_limiter = RateLimiter(rate_limit_per_minute, clock)
        self._stores: dict[str, DistrictStore] = {}
        for index in range(districts):
            data = generate_district(seed, students, index, self.today())
            token = token_for(seed, client_id, data.id)
            self._stores[data.id] = DistrictStore(data, seed, index, token, clock)
            self.auth.add_district_token(token, data.id)

    @property
    def districts(self) -> list[str]:
        return list(self._stores)

    def store(self, district_id: str | None = None) -> DistrictStore:
        if district_id is None:
            return next(iter(self._stores.values()))
        return self._stores[district_id]

    def district_token(self, district_id: str | None = None) -> str:
        return self.store(district_id).token

    def district(self, district_id: str | None = None) -> Record:
        return self.store(district_id).record

    def _records(self, kind: str, district_id: str | None) -> list[Record]:
        # A snapshot under the lock: the server thread may be mid-change.
        with self.lock:
            return list(getattr(self.store(district_id), kind))

    def schools(self, district_id: str | None = None) -> list[Record]:
        return self._records("schools", district_id)

    def teachers(self, district_id: str | None = None) -> list[Record]:
        return self._records("teachers", district_id)

    def students(self, district_id: str | None = None) -> list[Record]:
        return self._records("students", district_id)

    def sections(self, district_id: str | None = None) -> list[Record]:
        return self._records("sections", district_id)

    def terms(self, district_id: str | None = None) -> list[Record]:
        return self._records("terms", district_id)

    def courses(self, district_id: str | None = None) -> list[Record]:
        return self._records("courses", district_id)

    def events(self, district_id: str | None = None) -> list[Record]:
        with self.lock:
            return list(self.store(district_id).events.live())

    def sample_teacher(self, district_id: str | None = None) -> Record:
        """A teacher who is primary on at least one co-taught section."""
        with self.lock:
            return samples.sample_teacher(self.store(district_id))

    def sample_student(
        self, district_id: str | None = None, teacher_id: str | None = None
    ) -> Record:
        """A student taught by `teacher_id` (default: the sample teacher)."""
        with self.lock:
            store = self.store(district_id)
            return samples.sample_student(
                store, teacher_id or samples.sample_teacher(store).get("id")
            )

    def find_user(self, user_id: str) -> tuple[DistrictStore, str, Record] | None:
        """(district store, role, user) for any district's teacher or student."""
        with self.lock:
            for store in self._stores.values():
                role = store.role_of(user_id)
                if role is not None:
                    return store, role, store.user(user_id) or {}
        return None

    def now_iso(self) -> str:
        return iso(self.clock())

    def owner_of(self, record_id: str) -> DistrictStore:
        for store in self._stores.values():
            if (
                record_id in store.sections
                or record_id in store.students
                or record_id in store.teachers
                or record_id in store.hidden_sections
                or record_id in store.schools
            ):
                return store
        raise UnknownRecord(f"unknown record {record_id}")

    # Scripted changes: each also becomes the matching Clever event.
    def enroll(self, section_id: str, student_id: str) -> bool:
        with self.lock:
            return sections_ops.enroll(
                self.owner_of(section_id), section_id, student_id, self.now_iso()
            )

    def drop(self, section_id: str, student_id: str) -> bool:
        with self.lock:
            return sections_ops.drop(
                self.owner_of(section_id), section_id, student_id, self.now_iso()
            )

    def move_student(self, student_id: str, from_section: str, to_section: str) -> None:
        with self.lock:
            self.drop(from_section, student_id)
            self.enroll(to_section, student_id)

    def rename_section(self, section_id: str, name: str) -> bool:
        with self.lock:
            return sections_ops.update_section(
                self.owner_of(section_id), section_id, self.now_iso(), {"name": name}
            )

    def set_section_grade(self, section_id: str, grade: str) -> bool:
        with self.lock:
            return sections_ops.update_section(
                self.owner_of(section_id), section_id, self.now_iso(), {"grade": grade}
            )

    def set_section_teachers(self, section_id: str, teacher_ids: list[str]) -> bool:
        with self.lock:
            return sections_ops.set_teachers(
                self.owner_of(section_id), section_id, list(teacher_ids), self.now_iso()
            )

    def delete_section(self, section_id: str) -> None:
        with self.lock:
            sections_ops.delete(self.owner_of(section_id), section_id, hide=False)

    def unshare_section(self, section_id: str) -> None:
        with self.lock:
            sections_ops.delete(self.owner_of(section_id), section_id, hide=True)

    def reshare_section(self, section_id: str) -> None:
        with self.lock:
            sections_ops.reshare(self.owner_of(section_id), section_id, self.now_iso())

    def add_section(self, district_id: str | None = None, **fields: object) -> str:
        with self.lock:
            return sections_ops.add(self.store(district_id), self.now_iso(), **fields)  # type: ignore[arg-type]

    def set_student_field(self, student_id: str, field: str, value: object) -> bool:
        with self.lock:
            return users_ops.set_student_field(
                self.owner_of(student_id), student_id, field, value, self.now_iso()
            )

    def add_student(self, district_id: str | None = None, **fields: str | None) -> str:
        with self.lock:
            return users_ops.add_user(self.store(district_id), "student", self.now_iso(), **fields)

    def add_teacher(self, district_id: str | None = None, **fields: str | None) -> str:
        with self.lock:
            return users_ops.add_user(self.store(district_id), "teacher", self.now_iso(), **fields)

    def delete_user(self, user_id: str) -> None:
        with self.lock:
            users_ops.delete_user(self.owner_of(user_id), user_id, self.now_iso())

    def set_raw(
        self, kind: str, record_id: str, record: Record, district_id: str | None = None
    ) -> None:
        """Store `record` verbatim (possibly malformed) for fault tests; no event."""
        if kind not in RAW_KINDS:
            raise ValueError(f"kind must be one of {sorted(RAW_KINDS)}")
        with self.lock:
            store = self.store(district_id)
            getattr(store, kind).put(record_id, record)
            store.touch()

    def today(self) -> date:
        return datetime.fromtimestamp(self.clock(), UTC).date()

    def new_school_year(self, district_id: str | None = None) -> Record:
        """Last year's terms end yesterday and every section is replaced by next year's."""
        with self.lock:
            store = self.store(district_id)
            return school_year.new_school_year(store, self.today(), self.now_iso())

    def end_terms(self, days_ago: int = 30, district_id: str | None = None) -> list[str]:
        """Summer: every running term ended ``days_ago`` days ago; sections stay listed."""
        if not isinstance(days_ago, int) or days_ago < 0:
            raise ValueError("days_ago must be a whole number of days, 0 or more")
        with self.lock:
            ended_on = self.today() - timedelta(days=days_ago)
            return school_year.end_terms(self.store(district_id), ended_on)

    def change_fraction(
        self, fraction: float, seed: int = 0, district_id: str | None = None
    ) -> int:
        with self.lock:
            return apply_change_fraction(self.store(district_id), fraction, seed, self.now_iso())

    def expire_events_before(self, event_id: str) -> int:
        with self.lock:
            for store in self._stores.values():
                if store.events.get(event_id) is not None:
                    return store.events.expire_before(event_id)
        raise UnknownRecord(f"unknown event {event_id}")
