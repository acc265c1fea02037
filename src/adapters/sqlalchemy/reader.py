"""RosterReader in SQL: one statement per batch (per chunk of very long id lists)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select

from adapters.sqlalchemy.batches import chunks
from adapters.sqlalchemy.decisions import decisions_for_classes
from adapters.sqlalchemy.engine import SQLITE_BEGIN
from adapters.sqlalchemy.reader_queries import (
    class_columns,
    class_teacher_view,
    class_view,
    demographics_view,
    student_view,
)
from adapters.sqlalchemy.reader_rosters import (
    enrolled_students,
    taught_classes,
)
from adapters.sqlalchemy.sync_runs import latest_runs, run_from
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    enrollments,
    roster_history,
    students,
    sync_runs,
    teachers,
)
from adapters.sqlalchemy.viewers import read_versioned_viewer
from application.ports import (
    ClassDecisionsView,
    ClassTeacherView,
    ClassView,
    DemographicsView,
    EnrolledStudentView,
    RosterEventView,
    StudentView,
    TaughtClassView,
    TeacherRosterView,
    VersionedViewer,
)
from domain.sync_run import SyncRun


class SqlAlchemyRosterReader:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
            with conn.begin():
                yield conn

    def roster_version_and_viewer(self, account_id: int) -> VersionedViewer | None:
        with self.engine.connect() as conn:
            return read_versioned_viewer(conn, account_id)

    def taught_classes_for_teachers(
        self, teacher_ids: Collection[str], include_archived: bool
    ) -> dict[str, list[TaughtClassView]]:
        with self._read() as conn:
            return taught_classes(conn, teacher_ids, include_archived)

    def enrolled_students_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[EnrolledStudentView]]:
        with self._read() as conn:
            return enrolled_students(conn, section_ids)

    def classes_for_teachers(
        self, teacher_ids: Collection[str], include_archived: bool
    ) -> dict[str, list[ClassView]]:
        result: dict[str, list[ClassView]] = {t: [] for t in teacher_ids}
        with self._read() as conn:
            for batch in chunks(set(teacher_ids)):
                query = (
                    select(class_teachers.c.teacher_id, *class_columns())
                    .join(classes, classes.c.section_id == class_teachers.c.section_id)
                    .where(class_teachers.c.teacher_id.in_(batch))
                )
                if not include_archived:
                    query = query.where(classes.c.archived.is_(False))
                for row in conn.execute(query):
                    result[row.teacher_id].append(class_view(row))
        for views in result.values():
            views.sort(key=lambda v: (v.name, v.id))
        return result

    def classes_for_students(self, student_ids: Collection[str]) -> dict[str, list[ClassView]]:
        result: dict[str, list[ClassView]] = {s: [] for s in student_ids}
        with self._read() as conn:
            for batch in chunks(set(student_ids)):
                query = (
                    select(enrollments.c.student_id, *class_columns())
                    .join(classes, classes.c.section_id == enrollments.c.section_id)
                    .where(
                        enrollments.c.student_id.in_(batch),
                        enrollments.c.active,
                        classes.c.archived.is_(False),
                    )
                )
                for row in conn.execute(query):
                    result[row.student_id].append(class_view(row))
        for views in result.values():
            views.sort(key=lambda v: v.id)
        return result

    def classes_by_id(self, section_ids: Collection[str]) -> dict[str, ClassView]:
        found: dict[str, ClassView] = {}
        with self._read() as conn:
            for batch in chunks(set(section_ids)):
                query = select(*class_columns()).where(classes.c.section_id.in_(batch))
                found.update((row.section_id, class_view(row)) for row in conn.execute(query))
        return {sid: found[sid] for sid in section_ids if sid in found}

    def teachers_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[ClassTeacherView]]:
        result: dict[str, list[ClassTeacherView]] = {sid: [] for sid in section_ids}
        with self._read() as conn:
            for batch in chunks(set(section_ids)):
                query = (
                    select(
                        class_teachers.c.section_id,
                        class_teachers.c.teacher_id,
                        classes.c.owner_id,
                        teachers.c.name,
                        teachers.c.account_id,
                    )
                    .join(classes, classes.c.section_id == class_teachers.c.section_id)
                    .outerjoin(teachers, teachers.c.clever_id == class_teachers.c.teacher_id)
                    .where(class_teachers.c.section_id.in_(batch))
                )
                for row in conn.execute(query):
                    result[row.section_id].append(class_teacher_view(row))
        for views in result.values():
            views.sort(key=lambda v: (v.role != "owner", v.name))
        return result

    def students_for_classes(self, section_ids: Collection[str]) -> dict[str, list[StudentView]]:
        result: dict[str, list[StudentView]] = {sid: [] for sid in section_ids}
        with self._read() as conn:
            for batch in chunks(set(section_ids)):
                query = (
                    select(enrollments.c.section_id, students)
                    .join(students, students.c.clever_id == enrollments.c.student_id)
                    .where(enrollments.c.section_id.in_(batch), enrollments.c.active)
                )
                for row in conn.execute(query):
                    result[row.section_id].append(student_view(row))
        for views in result.values():
            views.sort(key=lambda v: (v.name, v.id))
        return result

    def demographics_for_students(
        self, student_ids: Collection[str]
    ) -> dict[str, DemographicsView]:
        found: dict[str, DemographicsView] = {}
        with self._read() as conn:
            for batch in chunks(set(student_ids)):
                query = select(students).where(students.c.clever_id.in_(batch))
                found.update((r.clever_id, demographics_view(r)) for r in conn.execute(query))
        return {sid: found[sid] for sid in student_ids if sid in found}

    def history_for_classes(self, section_ids: Collection[str]) -> dict[str, list[RosterEventView]]:
        result: dict[str, list[RosterEventView]] = {sid: [] for sid in section_ids}
        with self._read() as conn:
            for batch in chunks(set(section_ids)):
                query = (
                    select(roster_history, students.c.name)
                    .outerjoin(students, students.c.clever_id == roster_history.c.student_id)
                    .where(roster_history.c.section_id.in_(batch))
                    .order_by(roster_history.c.id)
                )
                for r in conn.execute(query):
                    result[r.section_id].append(
                        RosterEventView(
                            r.section_id,
                            r.student_id,
                            r.name if r.name is not None else r.student_id,
                            r.action,
                            r.at,
                            r.sync_run_id,
                        )
                    )
        return result

    def decisions_for_classes(self, section_ids: Collection[str]) -> dict[str, ClassDecisionsView]:
        with self._read() as conn:
            return decisions_for_classes(conn, section_ids)

    def sync_runs_for_teacher(self, teacher_id: str, first: int) -> list[SyncRun]:
        with self._read() as conn:
            return latest_runs(conn, teacher_id, first)

    def sync_run(self, run_id: int) -> SyncRun | None:
        with self._read() as conn:
            row = conn.execute(select(sync_runs).where(sync_runs.c.id == run_id)).first()
            return run_from(row) if row else None

    def teacher_roster(self, teacher_id: str, include_archived: bool) -> TeacherRosterView:
        """One connection and one transaction: the reads see one state."""
        with self._read() as conn:
            taught = taught_classes(conn, [teacher_id], include_archived)[teacher_id]
            enrolled = enrolled_students(conn, [c.klass.id for c in taught])
        return TeacherRosterView(taught, enrolled)
