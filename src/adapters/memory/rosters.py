"""The in-memory roster repository: a MemoryStore's classes, people, rosters and decisions."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from adapters.memory.roster_state import keep, state_of, touched_by
from adapters.memory.store import HistoryEntry, MemoryStore
from domain.changeset import ChangeSet
from domain.decisions import ModeDecision, StudentException
from domain.landing import advance
from domain.rollover import TermRules
from domain.roster import Class, RosterState, Student, Teacher


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

    def term_candidates(
        self, district_id: str, rules: TermRules
    ) -> list[tuple[Class, frozenset[str]]]:
        s = self.store
        return [
            (klass, frozenset(s.teachers_of.get(sid, set())))
            for sid, klass in sorted(s.classes.items())
            if klass.district_id == district_id and not klass.archived and rules.due(klass)
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
        reached: Collection[str] | None = None,
    ) -> RosterState:
        s = self.store
        sections = set(section_ids)
        taught = {t: self.section_ids_of_teacher(t) for t in teacher_ids}
        for theirs in taught.values():
            sections |= theirs if reached is None else theirs & set(reached)
        sections &= set(s.classes)
        rostered = sections if rosters_of is None else sections & set(rosters_of)
        people = set(student_ids) | set(teacher_ids)
        for sid in sections:
            people |= s.teachers_of.get(sid, set())
        for sid in rostered:
            people |= set(s.enrollments.get(sid, {}))
        if not records:
            people = set()
        state = state_of(s, sections, rostered, people, decisions)
        if reached is not None:
            for teacher_id, theirs in taught.items():
                live = {sid for sid in theirs - sections if not s.classes[sid].archived}
                if live:
                    state.live_by_id[teacher_id] = live
        return state

    def save_sync_mode(self, section_id: str, decision: ModeDecision | None) -> None:
        if decision is None:
            self.store.modes.pop(section_id, None)
        else:
            self.store.modes[section_id] = decision

    def save_exception(self, exception: StudentException) -> None:
        self.store.exceptions.setdefault(exception.section_id, {})[exception.student_id] = exception

    def delete_exception(self, section_id: str, student_id: str) -> None:
        self.store.exceptions.get(section_id, {}).pop(student_id, None)

    def set_enrolled(self, section_id: str, student_id: str, active: bool, at: datetime) -> None:
        s = self.store
        seats = s.enrollments.get(section_id, {})
        if student_id not in seats or seats[student_id] is active:
            return
        action = "restored" if active else "dropped"
        seats[student_id] = active
        s.history.append(HistoryEntry(section_id, student_id, action, at, None))

    def apply_many(self, changes: Sequence[tuple[ChangeSet, int]], at: datetime) -> None:
        for change_set, sync_run_id in changes:
            self.apply(change_set, sync_run_id, at)

    def apply(self, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
        """Lands the change set as the domain says it lands (the SQL writer is held to the
        same), on the part of the store it touches."""
        s = self.store
        s.writes += changes.row_count
        state = touched_by(s, changes)
        for action, enrollment in advance(state, changes, at):
            s.history.append(
                HistoryEntry(enrollment.section_id, enrollment.student_id, action, at, sync_run_id)
            )
        keep(s, state)
        touched = {c.section_id for c in (*changes.classes_created, *changes.classes_updated)}
        for sid in touched:
            s.class_synced_at[sid] = at
        ended = (*changes.classes_archived, *changes.classes_term_ended)
        s.class_archived_at.update((sid, at) for sid in ended)
        for sid in changes.classes_restored:
            s.class_archived_at.pop(sid, None)
