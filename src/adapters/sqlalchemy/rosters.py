"""The roster repository: teachers, students, classes, memberships and enrollments in SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import Connection, select, union_all

from adapters.sqlalchemy.batches import upsert
from adapters.sqlalchemy.forget import forget_district
from adapters.sqlalchemy.json_rows import listed_ids, one_of
from adapters.sqlalchemy.roster_apply import apply_change_sets
from adapters.sqlalchemy.rows import (
    class_from,
    class_values,
    student_from,
    student_values,
    teacher_from,
    teacher_values,
)
from adapters.sqlalchemy.tables import class_teachers, classes, enrollments, students, teachers
from domain.changeset import ChangeSet
from domain.roster import Class, RosterState, Student, Teacher

# What a Class is built from (not when it was last synced).
CLASS_COLUMNS = [c for c in classes.c if c.name != "last_synced_at"]


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
        conn = self.conn
        live = classes.c.archived.is_(False)
        attended = (
            select(enrollments.c.student_id, enrollments.c.section_id)
            .join(classes, classes.c.section_id == enrollments.c.section_id)
            .where(one_of(conn, enrollments.c.student_id, person_ids), enrollments.c.active, live)
        )
        taught = (
            select(class_teachers.c.teacher_id, class_teachers.c.section_id)
            .join(classes, classes.c.section_id == class_teachers.c.section_id)
            .where(one_of(conn, class_teachers.c.teacher_id, person_ids), live)
        )
        for person_id, section_id in conn.execute(attended.union_all(taught)).all():
            found.setdefault(person_id, set()).add(section_id)
        return found

    def stored_people(self, person_ids: Collection[str]) -> set[str]:
        if not person_ids:
            return set()
        conn = self.conn
        query = union_all(
            select(students.c.clever_id).where(one_of(conn, students.c.clever_id, person_ids)),
            select(teachers.c.clever_id).where(one_of(conn, teachers.c.clever_id, person_ids)),
        )
        return set(conn.execute(query).scalars())

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
    ) -> RosterState:
        """One statement per table, each id list a single parameter; only the columns read.
        The classes (those of ``teacher_ids`` and those named) come with their teachers."""
        conn, state = self.conn, RosterState()
        people = set(student_ids) | set(teacher_ids)
        if teacher_ids or section_ids:
            taught = select(class_teachers.c.section_id).where(
                one_of(conn, class_teachers.c.teacher_id, teacher_ids)
            )
            chosen = union_all(taught, listed_ids(conn, classes.c.section_id, section_ids))
            query = (
                select(*CLASS_COLUMNS, class_teachers.c.teacher_id)
                .outerjoin(class_teachers, class_teachers.c.section_id == classes.c.section_id)
                .where(classes.c.section_id.in_(chosen))
            )
            for row in conn.execute(query).all():
                section_id, teacher_id = row.section_id, row.teacher_id
                if section_id not in state.classes:
                    state.classes[section_id] = class_from(row)
                    state.teachers_of[section_id] = set()
                if teacher_id is not None:
                    state.teachers_of[section_id].add(teacher_id)
                    people.add(teacher_id)
        rostered = _rostered(state.classes.keys(), rosters_of)
        state.enrollments.update((section_id, {}) for section_id in rostered)
        if rostered:
            seats = select(enrollments.c.section_id, enrollments.c.student_id, enrollments.c.active)
            query = seats.where(one_of(conn, enrollments.c.section_id, rostered))
            for section_id, student_id, active in conn.execute(query).all():
                state.enrollments[section_id][student_id] = active
                people.add(student_id)
        if people and records:
            query = select(students).where(one_of(conn, students.c.clever_id, people))
            state.students.update((r.clever_id, student_from(r)) for r in conn.execute(query).all())
            query = select(teachers).where(one_of(conn, teachers.c.clever_id, people))
            state.teachers.update((r.clever_id, teacher_from(r)) for r in conn.execute(query).all())
        return state

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
