"""The roster repository: teachers, students, classes, class teachers and enrollments in SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, select

from adapters.sqlalchemy import decisions as decided
from adapters.sqlalchemy import roster_statements as statements
from adapters.sqlalchemy.batches import upsert
from adapters.sqlalchemy.forget import forget_district
from adapters.sqlalchemy.json_rows import id_list
from adapters.sqlalchemy.roster_apply import apply_change_sets
from adapters.sqlalchemy.rows import (
    class_from,
    class_values,
    student_from,
    student_values,
    teacher_from,
    teacher_values,
)
from adapters.sqlalchemy.tables import class_teachers, classes, students, teachers
from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher
from domain.decisions import ModeDecision, StudentException
from domain.enrollment import Enrollment
from domain.rollover import TermRules
from domain.roster import Class, RosterState, Student, Teacher


class RosterChangeFlag:
    """Set when a unit of work wrote roster data, so its commit bumps the roster version."""

    def __init__(self) -> None:
        self.changed = False


class SqlAlchemyRosterRepository:
    def __init__(self, conn: Connection, flag: RosterChangeFlag) -> None:
        self.conn = conn
        self.flag = flag

    def get_teacher(self, clever_id: str) -> Teacher | None:
        row = self.conn.execute(select(teachers).where(teachers.c.clever_id == clever_id)).first()
        return teacher_from(row) if row else None

    def get_student(self, clever_id: str) -> Student | None:
        row = self.conn.execute(select(students).where(students.c.clever_id == clever_id)).first()
        return student_from(row) if row else None

    def get_class(self, section_id: str) -> Class | None:
        row = self.conn.execute(select(classes).where(classes.c.section_id == section_id)).first()
        return class_from(row) if row else None

    def save_teacher(self, teacher: Teacher) -> None:
        self._save(teachers, teacher_values(teacher), "clever_id")

    def save_student(self, student: Student) -> None:
        self._save(students, student_values(student), "clever_id")

    def save_class(self, klass: Class) -> None:
        self._save(classes, class_values(klass), "section_id")

    def _save(self, table: object, values: dict[str, object], key: str) -> None:
        compared = [name for name in values if name != key]
        upsert(self.conn, table, [values], [key], compared)  # type: ignore[arg-type]
        self.flag.changed = True

    def section_ids_of_teacher(self, teacher_id: str) -> set[str]:
        query = select(class_teachers.c.section_id).where(class_teachers.c.teacher_id == teacher_id)
        return set(self.conn.execute(query).scalars())

    def forget_district(self, district_id: str) -> int:
        self.flag.changed = True
        return forget_district(self.conn, district_id)

    def sections_of_people(self, person_ids: Collection[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        if not person_ids:
            return found
        query = statements.sections_of_people(self.conn.dialect.name)
        listed = {"ids": id_list(self.conn, person_ids)}
        for person_id, section_id in self.conn.execute(query, listed).all():
            found.setdefault(person_id, set()).add(section_id)
        return found

    def term_candidates(
        self, district_id: str, rules: TermRules
    ) -> list[tuple[Class, frozenset[str]]]:
        query: Select[Any] = (
            select(*statements.CLASS_COLUMNS, class_teachers.c.teacher_id)
            .outerjoin(class_teachers, class_teachers.c.section_id == classes.c.section_id)
            .where(
                classes.c.district_id == district_id,
                classes.c.archived.is_(False),
                statements.term_rules_may_touch(rules),
            )
            .order_by(classes.c.section_id)
        )
        found: dict[str, tuple[Class, set[str]]] = {}
        for row in self.conn.execute(query):
            _, members = found.setdefault(row.section_id, (class_from(row), set()))
            if row.teacher_id is not None:
                members.add(row.teacher_id)
        return [(klass, frozenset(members)) for klass, members in found.values()]

    def stored_people(self, person_ids: Collection[str]) -> set[str]:
        if not person_ids:
            return set()
        query = statements.stored_people(self.conn.dialect.name)
        return set(self.conn.execute(query, {"ids": id_list(self.conn, person_ids)}).scalars())

    def rostering_teachers(self, district_id: str) -> list[Teacher]:
        query = (
            select(teachers)
            .where(teachers.c.district_id == district_id, teachers.c.rostering_started)
            .order_by(teachers.c.clever_id)
        )
        return [teacher_from(row) for row in self.conn.execute(query)]

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
        """One statement per table, each id list a single parameter; only the columns read.
        The classes (those of ``teacher_ids`` and those named) come with their teachers."""
        conn, state = self.conn, RosterState()
        reads = statements.state_reads(conn.dialect.name)
        people = set(student_ids) | set(teacher_ids)
        whole_of, by_id = teacher_ids, []
        if reached is not None and teacher_ids:
            taught = conn.execute(reads.taught, {"ids": id_list(conn, teacher_ids)}).all()
            wanted = set(reached)
            section_ids = {
                *section_ids,
                *(row.section_id for row in taught if row.section_id in wanted),
            }
            whole_of, by_id = (), [(t, sid) for t, sid, archived in taught if not archived]
        if whole_of or section_ids:
            chosen = {
                "teachers": id_list(conn, whole_of),
                "sections": id_list(conn, section_ids),
            }
            for row in conn.execute(reads.classes, chosen).all():
                section_id, teacher_id = row.section_id, row.teacher_id
                if section_id not in state.classes:
                    state.classes[section_id] = class_from(row)
                    state.teachers_of[section_id] = {}
                if teacher_id is not None:
                    state.seat(CoTeacher.of(section_id, teacher_id, row.owner_id))
                    people.add(teacher_id)
        for teacher_id, section_id in by_id:
            if section_id not in state.classes:
                state.live_by_id.setdefault(teacher_id, set()).add(section_id)
        if decisions:
            decided.load_decisions(conn, list(state.classes), state)
        rostered = _rostered(state.classes.keys(), rosters_of)
        state.enrollments.update((section_id, {}) for section_id in rostered)
        if rostered:
            found = conn.execute(reads.seats, {"ids": id_list(conn, rostered)})
            for section_id, student_id, active in found.all():
                state.enrol(Enrollment(section_id, student_id, active))
                people.add(student_id)
        if people and records:
            listed = {"ids": id_list(conn, people)}
            students = conn.execute(reads.students, listed).all()
            state.students.update((r.clever_id, student_from(r)) for r in students)
            teachers = conn.execute(reads.teachers, listed).all()
            state.teachers.update((r.clever_id, teacher_from(r)) for r in teachers)
        return state

    def save_sync_mode(self, section_id: str, decision: ModeDecision | None) -> None:
        decided.save_sync_mode(self.conn, section_id, decision)
        self.flag.changed = True

    def save_exception(self, exception: StudentException) -> None:
        decided.save_exception(self.conn, exception)
        self.flag.changed = True

    def delete_exception(self, section_id: str, student_id: str) -> None:
        decided.delete_exception(self.conn, section_id, student_id)
        self.flag.changed = True

    def set_enrolled(self, section_id: str, student_id: str, active: bool, at: datetime) -> None:
        if decided.set_enrolled(self.conn, section_id, student_id, active, at):
            self.flag.changed = True

    def apply(self, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
        self.apply_many([(changes, sync_run_id)], at)

    def apply_many(self, changes: Sequence[tuple[ChangeSet, int]], at: datetime) -> None:
        writing = [(c, run_id) for c, run_id in changes if not c.writes_nothing]
        if not writing:
            return
        apply_change_sets(self.conn, writing, at)
        self.flag.changed = True


def _rostered(loaded: Collection[str], rosters_of: Collection[str] | None) -> list[str]:
    """The loaded classes whose enrollments are read, in the order they were loaded."""
    if rosters_of is None:
        return list(loaded)
    wanted = set(rosters_of)
    return [section_id for section_id in loaded if section_id in wanted]
