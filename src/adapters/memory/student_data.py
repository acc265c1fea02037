"""Retention and the records export over the in-memory store (the fakes behind the ports)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace
from datetime import datetime

from adapters.memory.store import MemoryStore
from application.ports.student_data import (
    AccountRecord,
    DemographicsViewRecord,
    EnrollmentRecord,
    ProblemRecord,
    RosterEventRecord,
    StudentRecord,
)
from domain.demographics import DemographicProfile
from domain.roster import Student
from domain.sync_run import SyncStatus

UNFINISHED = (SyncStatus.QUEUED, SyncStatus.RUNNING)


class FakeRetentionRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def count_departed(self, left_by: datetime) -> int:
        return len(self._departed(left_by))

    def erase_departed(self, left_by: datetime, limit: int) -> int:
        chosen = self._departed(left_by)[:limit]
        for student_id in chosen:
            student = self.store.students[student_id]
            self.store.students[student_id] = replace(
                student, grade=None, demographics=DemographicProfile()
            )
        return len(chosen)

    def count_audit_entries(self, before: datetime) -> int:
        return sum(1 for entry in self.store.demographics_audit if self._due(entry, before))

    def delete_audit_entries(self, before: datetime, limit: int) -> int:
        kept, gone = [], 0
        for entry in self.store.demographics_audit:
            if self._due(entry, before) and gone < limit:
                gone += 1
            else:
                kept.append(entry)
        self.store.demographics_audit = kept
        return gone

    def count_sync_runs(self, before: datetime) -> int:
        return len(self._old_runs(before))

    def delete_sync_runs(self, before: datetime, limit: int) -> int:
        chosen = set(self._old_runs(before)[:limit])
        for run_id in chosen:
            del self.store.sync_runs[run_id]
        for entry in self.store.history:
            if entry.sync_run_id in chosen:
                entry.sync_run_id = None
        return len(chosen)

    def _due(self, entry: tuple[int, str, datetime], before: datetime) -> bool:
        student = self.store.students.get(entry[1])
        stored = student is not None and student.demographics != DemographicProfile()
        return entry[2] <= before and not stored

    def _departed(self, left_by: datetime) -> list[str]:
        return sorted(
            sid
            for sid, student in self.store.students.items()
            if _has_data(student) and _left_by(self.store, sid, left_by)
        )

    def _old_runs(self, before: datetime) -> list[int]:
        latest: dict[str, int] = {}
        for run_id, run in self.store.sync_runs.items():
            latest[run.teacher_id] = max(run_id, latest.get(run.teacher_id, run_id))
        return sorted(
            run_id
            for run_id, run in self.store.sync_runs.items()
            if run.started_at <= before
            and run.status not in UNFINISHED
            and latest[run.teacher_id] != run_id
        )


def _has_data(student: Student) -> bool:
    return student.grade is not None or student.demographics != DemographicProfile()


def _left_by(store: MemoryStore, student_id: str, left_by: datetime) -> bool:
    """Enrolled somewhere once, and every enrolment ended (dropped, or its class archived) at
    ``left_by`` or earlier."""
    seats = list(_seats(store, student_id))
    if not seats:
        return False
    for section_id, active in seats:
        if active:
            klass = store.classes[section_id]
            ended = store.class_archived_at.get(section_id) if klass.archived else None
        else:
            ended = _last(store, section_id, student_id, "dropped")
        if ended is None or ended > left_by:
            return False
    return True


def _seats(store: MemoryStore, student_id: str) -> Iterator[tuple[str, bool]]:
    for section_id, pupils in store.enrollments.items():
        if student_id in pupils:
            yield section_id, pupils[student_id]


def _last(store: MemoryStore, section_id: str, student_id: str, action: str) -> datetime | None:
    times = [
        e.at
        for e in store.history
        if (e.section_id, e.student_id, e.action) == (section_id, student_id, action)
    ]
    return max(times, default=None)


class FakeStudentRecordRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def district_student_ids(self, district_id: str) -> list[str]:
        return sorted(
            s.clever_id for s in self.store.students.values() if s.district_id == district_id
        )

    def records(self, student_ids: Collection[str]) -> list[StudentRecord]:
        s = self.store
        return [
            StudentRecord(
                student=s.students[sid],
                account=self._account(s.students[sid].account_id),
                enrollments=tuple(self._enrollments(sid)),
                roster_history=tuple(
                    RosterEventRecord(e.section_id, e.action, e.at, e.sync_run_id)
                    for e in sorted(s.history, key=lambda e: e.at)
                    if e.student_id == sid
                ),
                demographics_views=tuple(self._views(sid)),
            )
            for sid in dict.fromkeys(student_ids)
            if sid in s.students
        ]

    def problems_by_student(self, district_id: str) -> dict[str, list[ProblemRecord]]:
        found: dict[str, list[ProblemRecord]] = {}
        for run_id, run in sorted(self.store.sync_runs.items()):
            if run.district_id != district_id:
                continue
            for p in run.problems:
                found.setdefault(p.clever_id, []).append(
                    ProblemRecord(
                        run_id, run.teacher_id, run.started_at, p.record_type, p.field, p.message
                    )
                )
        return found

    def _account(self, account_id: int | None) -> AccountRecord | None:
        account = self.store.accounts.get(account_id) if account_id is not None else None
        if account is None or account.id is None:
            return None
        return AccountRecord(
            account.id,
            account.role.value,
            account.name,
            account.email,
            account.password_hash is not None,
            None,
        )

    def _enrollments(self, student_id: str) -> Iterator[EnrollmentRecord]:
        s = self.store
        for section_id, active in _seats(s, student_id):
            klass = s.classes[section_id]
            yield EnrollmentRecord(
                section_id=section_id,
                class_name=klass.name,
                class_archived=klass.archived,
                class_archived_at=s.class_archived_at.get(section_id) if klass.archived else None,
                active=active,
                enrolled_at=_last(s, section_id, student_id, "added"),
                dropped_at=None if active else _last(s, section_id, student_id, "dropped"),
            )

    def _views(self, student_id: str) -> Iterator[DemographicsViewRecord]:
        for viewer_id, sid, at in sorted(self.store.demographics_audit, key=lambda e: e[2]):
            if sid != student_id:
                continue
            viewer = self.store.accounts.get(viewer_id)
            yield DemographicsViewRecord(
                viewer_id,
                viewer.clever_id if viewer else None,
                viewer.name if viewer else None,
                viewer.role.value if viewer else None,
                at,
            )
