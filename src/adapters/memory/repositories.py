"""In-memory repositories over a MemoryStore."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime

from adapters.memory.store import HistoryEntry, MemoryStore
from application.errors import ActiveRunExists
from application.sync_runs import advance
from domain.accounts import Account
from domain.changeset import ChangeSet
from domain.decisions import ModeDecision, StudentException
from domain.licensing import PremiumLicense
from domain.roster import Class, EnrollmentKey, RosterState, Student, Teacher
from domain.sync_run import SyncRun


class FakeAccountRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def add(self, account: Account) -> Account:
        if account.email and self.by_email(account.email):
            raise ValueError("email taken")
        if account.clever_id and self.by_clever_id(account.clever_id):
            raise ValueError("clever id taken")
        saved = replace(account, id=self.store.new_id())
        assert saved.id is not None
        self.store.accounts[saved.id] = saved
        return saved

    def update(self, account: Account) -> None:
        assert account.id is not None
        self.store.accounts[account.id] = account

    def get(self, account_id: int) -> Account | None:
        return self.store.accounts.get(account_id)

    def by_email(self, email: str) -> Account | None:
        return next((a for a in self.store.accounts.values() if a.email == email), None)

    def by_clever_id(self, clever_id: str) -> Account | None:
        return next((a for a in self.store.accounts.values() if a.clever_id == clever_id), None)


class FakeRosterRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def get_teacher(self, clever_id: str) -> Teacher | None:
        return self.store.teachers.get(clever_id)

    def get_student(self, clever_id: str) -> Student | None:
        return self.store.students.get(clever_id)

    def get_class(self, section_id: str) -> Class | None:
        return self.store.classes.get(section_id)

    def save_teacher(self, teacher: Teacher) -> None:
        self.store.teachers[teacher.clever_id] = teacher

    def save_student(self, student: Student) -> None:
        self.store.students[student.clever_id] = student

    def save_class(self, klass: Class) -> None:
        self.store.classes[klass.section_id] = klass

    def section_ids_of_teacher(self, teacher_id: str) -> set[str]:
        return {sid for sid, tids in self.store.teachers_of.items() if teacher_id in tids}

    def sections_of_people(self, person_ids: Collection[str]) -> dict[str, set[str]]:
        s, wanted = self.store, set(person_ids)
        found: dict[str, set[str]] = {}
        for sid, klass in s.classes.items():
            if klass.archived:
                continue
            seated = {pid for pid, active in s.enrollments.get(sid, {}).items() if active}
            for person_id in (s.teachers_of.get(sid, set()) | seated) & wanted:
                found.setdefault(person_id, set()).add(sid)
        return found

    def live_termed_classes(self, district_id: str) -> list[tuple[Class, frozenset[str]]]:
        s = self.store
        return [
            (klass, frozenset(s.teachers_of.get(sid, set())))
            for sid, klass in sorted(s.classes.items())
            if klass.district_id == district_id and not klass.archived and klass.term is not None
        ]

    def stored_people(self, person_ids: Collection[str]) -> set[str]:
        return {p for p in person_ids if p in self.store.students or p in self.store.teachers}

    def rostering_teachers(self, district_id: str) -> list[Teacher]:
        return sorted(
            (
                t
                for t in self.store.teachers.values()
                if t.district_id == district_id and t.rostering_started
            ),
            key=lambda t: t.clever_id,
        )

    def forget_district(self, district_id: str) -> int:
        s = self.store
        sections = {sid for sid, c in s.classes.items() if c.district_id == district_id}
        teachers = {tid for tid, t in s.teachers.items() if t.district_id == district_id}
        students = {sid for sid, st in s.students.items() if st.district_id == district_id}
        accounts = {aid for aid, a in s.accounts.items() if a.district_id == district_id}
        runs = {rid for rid, r in s.sync_runs.items() if r.district_id == district_id}
        removed = len(sections) + len(teachers) + len(students) + len(accounts) + len(runs)
        for sid in sections:
            del s.classes[sid]
            s.class_archived_at.pop(sid, None)
            s.teachers_of.pop(sid, None)
            removed += len(s.enrollments.pop(sid, {}))
        for tid in teachers:
            del s.teachers[tid]
        for sid in students:
            del s.students[sid]
        for aid in accounts:
            del s.accounts[aid]
        for rid in runs:
            del s.sync_runs[rid]
        s.history = [h for h in s.history if h.section_id not in sections]
        for sid in sections:
            removed += (s.modes.pop(sid, None) is not None) + len(s.exceptions.pop(sid, {}))
        s.demographics_audit = [a for a in s.demographics_audit if a[1] not in students]
        return removed

    def load_state(
        self,
        section_ids: Collection[str],
        teacher_ids: Collection[str],
        student_ids: Collection[str],
        rosters_of: Collection[str] | None = None,
        records: bool = True,
        decisions: bool = True,
    ) -> RosterState:
        s = self.store
        sections = set(section_ids)
        for teacher_id in teacher_ids:
            sections |= self.section_ids_of_teacher(teacher_id)
        sections &= set(s.classes)
        rostered = sections if rosters_of is None else sections & set(rosters_of)
        people = set(student_ids) | set(teacher_ids)
        for sid in sections:
            people |= s.teachers_of.get(sid, set())
        for sid in rostered:
            people |= set(s.enrollments.get(sid, {}))
        if not records:
            people = set()
        return RosterState(
            classes={sid: s.classes[sid] for sid in sections},
            teachers_of={sid: set(s.teachers_of.get(sid, set())) for sid in sections},
            enrollments={sid: dict(s.enrollments.get(sid, {})) for sid in rostered},
            students={p: s.students[p] for p in people if p in s.students},
            teachers={p: s.teachers[p] for p in people if p in s.teachers},
            modes={sid: s.modes[sid] for sid in sections if decisions and sid in s.modes},
            exceptions={
                sid: dict(s.exceptions[sid])
                for sid in sections
                if decisions and s.exceptions.get(sid)
            },
        )

    def save_sync_mode(self, section_id: str, decision: ModeDecision | None) -> None:
        if decision is None:
            self.store.modes.pop(section_id, None)
        else:
            self.store.modes[section_id] = decision

    def save_exception(self, exception: StudentException) -> None:
        self.store.exceptions.setdefault(exception.section_id, {})[exception.student_id] = exception

    def delete_exception(self, section_id: str, student_id: str) -> None:
        self.store.exceptions.get(section_id, {}).pop(student_id, None)

    def set_enrolled(self, key: EnrollmentKey, active: bool, at: datetime) -> None:
        s = self.store
        seats = s.enrollments.get(key.section_id, {})
        if key.student_id not in seats or seats[key.student_id] is active:
            return
        action = "restored" if active else "dropped"
        seats[key.student_id] = active
        s.history.append(HistoryEntry(key.section_id, key.student_id, action, at, None))

    def apply_many(self, changes: Sequence[tuple[ChangeSet, int]], at: datetime) -> None:
        for change_set, sync_run_id in changes:
            self.apply(change_set, sync_run_id, at)

    def apply(self, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
        s = self.store
        s.writes += changes.row_count
        # The store's dicts are the state a reconcile sees: land the change set the same way.
        roster = RosterState(
            s.classes, s.teachers_of, s.enrollments, s.students, s.teachers, s.modes, s.exceptions
        )
        advance(roster, changes)
        for action, keys in (
            ("added", changes.enrolled),
            ("restored", changes.restored),
            ("dropped", changes.dropped),
        ):
            for key in keys:
                s.history.append(
                    HistoryEntry(key.section_id, key.student_id, action, at, sync_run_id)
                )
        touched = {c.section_id for c in (*changes.classes_created, *changes.classes_updated)}
        for sid in touched:
            s.class_synced_at[sid] = at
        s.class_archived_at.update((sid, at) for sid in changes.classes_archived)
        for sid in changes.classes_restored:
            s.class_archived_at.pop(sid, None)


class FakeLicenseRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def add(self, license: PremiumLicense) -> None:
        self.store.licenses.append(license)

    def covering(
        self, teacher_id: str | None, district_id: str, school_ids: Collection[str]
    ) -> list[PremiumLicense]:
        return [
            lic for lic in self.store.licenses if lic.covers(teacher_id, district_id, school_ids)
        ]


class FakeSyncRunRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def add(self, run: SyncRun) -> SyncRun:
        if not run.status.finished and self.active_for_teacher(run.teacher_id):
            raise ActiveRunExists(run.teacher_id)
        saved = replace(run, id=self.store.new_id())
        assert saved.id is not None
        self.store.sync_runs[saved.id] = saved
        return saved

    def update(self, run: SyncRun) -> None:
        assert run.id is not None
        self.store.sync_runs[run.id] = run

    def add_many(self, runs: Sequence[SyncRun]) -> list[SyncRun | None]:
        added: list[SyncRun | None] = []
        for run in runs:
            try:
                added.append(self.add(run))
            except ActiveRunExists:
                added.append(None)
        return added

    def update_many(self, runs: Sequence[SyncRun]) -> None:
        for run in runs:
            self.update(run)

    def get(self, run_id: int) -> SyncRun | None:
        return self.store.sync_runs.get(run_id)

    def active_for_teacher(self, teacher_id: str) -> SyncRun | None:
        return next(
            (
                r
                for r in self.store.sync_runs.values()
                if r.teacher_id == teacher_id and not r.status.finished
            ),
            None,
        )

    def latest_for_teacher(self, teacher_id: str, limit: int) -> list[SyncRun]:
        runs = [r for r in self.store.sync_runs.values() if r.teacher_id == teacher_id]
        return sorted(runs, key=lambda r: r.id or 0, reverse=True)[:limit]
