"""The shared in-memory state behind the memory unit of work."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime

from domain.accounts import Account
from domain.decisions import ModeDecision, StudentException
from domain.licensing import PremiumLicense
from domain.roster import Class, Student, Teacher
from domain.sync_run import SyncRun


@dataclass
class HistoryEntry:
    section_id: str
    student_id: str
    action: str
    at: datetime
    sync_run_id: int | None


@dataclass
class MemoryStore:
    accounts: dict[int, Account] = field(default_factory=dict)
    teachers: dict[str, Teacher] = field(default_factory=dict)
    students: dict[str, Student] = field(default_factory=dict)
    classes: dict[str, Class] = field(default_factory=dict)
    class_synced_at: dict[str, datetime] = field(default_factory=dict)
    class_archived_at: dict[str, datetime] = field(default_factory=dict)
    teachers_of: dict[str, set[str]] = field(default_factory=dict)
    enrollments: dict[str, dict[str, bool]] = field(default_factory=dict)
    history: list[HistoryEntry] = field(default_factory=list)
    modes: dict[str, ModeDecision] = field(default_factory=dict)
    exceptions: dict[str, dict[str, StudentException]] = field(default_factory=dict)
    licenses: list[PremiumLicense] = field(default_factory=list)
    sync_runs: dict[int, SyncRun] = field(default_factory=dict)
    demographics_audit: list[tuple[int, str, datetime]] = field(default_factory=list)
    next_id: int = 1
    writes: int = 0

    def new_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def copy(self) -> MemoryStore:
        return copy.deepcopy(self)

    def restore(self, other: MemoryStore) -> None:
        self.__dict__.update(other.__dict__)
