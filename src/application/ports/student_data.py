"""Ports for what rostersync keeps about students: retention deletes, and the records export."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.roster import Student


class RetentionRepository(Protocol):
    """What retention may delete. Each ``delete_…``/``erase_…`` call touches at most ``limit``
    records, so a caller committing after each call never holds a long lock; it returns how
    many it touched (fewer than ``limit`` means none are left). A ``count_…`` call deletes
    nothing: it says how many the matching call would touch, without a limit.

    Times are inclusive: a record dated exactly at the cutoff is due."""

    def count_departed(self, left_by: datetime) -> int: ...

    def erase_departed(self, left_by: datetime, limit: int) -> int:
        """Remove the grade and demographics of students enrolled in no live class since
        ``left_by`` or earlier: every enrolment dropped then, or its class archived then. A
        student with no enrolment at all, or already without such data, is not counted."""
        ...

    def count_audit_entries(self, before: datetime) -> int: ...

    def delete_audit_entries(self, before: datetime, limit: int) -> int:
        """Delete demographics audit entries written at ``before`` or earlier about students
        whose demographics are no longer stored: a record of who saw the data is kept as long
        as the data is."""
        ...

    def count_sync_runs(self, before: datetime) -> int: ...

    def delete_sync_runs(self, before: datetime, limit: int) -> int:
        """Delete finished sync runs (with their problems) started at ``before`` or earlier,
        except each teacher's most recent run; roster history keeps its entries, without the
        link to the deleted run."""
        ...


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """The student's own sign-in account (its password hash is not a fact about them)."""

    id: int
    role: str
    name: str
    email: str | None
    has_password: bool
    created_at: datetime | None  # None where the storage keeps no such date


@dataclass(frozen=True, slots=True)
class EnrollmentRecord:
    section_id: str
    class_name: str
    class_archived: bool
    class_archived_at: datetime | None
    active: bool
    enrolled_at: datetime | None
    dropped_at: datetime | None


@dataclass(frozen=True, slots=True)
class RosterEventRecord:
    section_id: str
    action: str
    at: datetime
    sync_run_id: int | None


@dataclass(frozen=True, slots=True)
class ProblemRecord:
    """A sync problem naming the student (by Clever id)."""

    sync_run_id: int
    teacher_id: str
    started_at: datetime
    record_type: str
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class DemographicsViewRecord:
    """One demographics audit entry: who saw this student's demographics, and when."""

    viewer_account_id: int
    viewer_clever_id: str | None
    viewer_name: str | None  # None once the viewer's account was deleted
    viewer_role: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class StudentRecord:
    student: Student
    account: AccountRecord | None
    enrollments: tuple[EnrollmentRecord, ...]
    roster_history: tuple[RosterEventRecord, ...]
    demographics_views: tuple[DemographicsViewRecord, ...]
    sync_problems: tuple[ProblemRecord, ...] = ()


class StudentRecordRepository(Protocol):
    """Every stored fact about students, for a records request."""

    def district_student_ids(self, district_id: str) -> list[str]:
        """Every stored student of the district, by Clever id, in order."""
        ...

    def records(self, student_ids: Collection[str]) -> list[StudentRecord]:
        """These students' records in the order given (unknown ids left out), without
        ``sync_problems``: see ``problems_by_student``."""
        ...

    def problems_by_student(self, district_id: str) -> dict[str, list[ProblemRecord]]:
        """The district's stored sync problems, by the Clever id each names."""
        ...
