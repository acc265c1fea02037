"""RosterReader over the in-memory store."""

from __future__ import annotations

import hashlib
from collections.abc import Collection

from adapters.memory.decisions import decisions_for_classes
from adapters.memory.store import MemoryStore
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
from domain.demographics import ALL_FIELDS as DEMOGRAPHIC_FIELDS
from domain.roster import Class
from domain.sync_run import SyncRun
from domain.term import ArchiveReason
from domain.viewer import viewer_of


class FakeRosterReader:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def _view(self, klass: Class) -> ClassView:
        active = self.store.enrollments.get(klass.section_id, {})
        return ClassView(
            id=klass.section_id,
            name=klass.name,
            subject=klass.subject,
            period=klass.period,
            grade_level=klass.grade.enum_name if klass.grade else None,
            archived=klass.archived,
            owner_id=klass.owner_id,
            last_synced_at=self.store.class_synced_at.get(klass.section_id),
            student_count=sum(active.values()),
            term=klass.term,
            kept_after_term=klass.kept_after_term,
            archived_reason=(klass.archived_reason or ArchiveReason.SECTION_GONE)
            if klass.archived
            else None,
            district_id=klass.district_id,
            archived_at=self.store.class_archived_at.get(klass.section_id),
        )

    def classes_for_teachers(
        self, teacher_ids: Collection[str], include_archived: bool
    ) -> dict[str, list[ClassView]]:
        result: dict[str, list[ClassView]] = {t: [] for t in teacher_ids}
        for sid, tids in sorted(self.store.teachers_of.items()):
            klass = self.store.classes[sid]
            if klass.archived and not include_archived:
                continue
            for teacher_id in tids & set(teacher_ids):
                result[teacher_id].append(self._view(klass))
        for views in result.values():
            views.sort(key=lambda v: (v.name, v.id))
        return result

    def classes_for_students(self, student_ids: Collection[str]) -> dict[str, list[ClassView]]:
        result: dict[str, list[ClassView]] = {s: [] for s in student_ids}
        for sid, members in sorted(self.store.enrollments.items()):
            klass = self.store.classes[sid]
            if klass.archived:
                continue
            for student_id in set(student_ids):
                if members.get(student_id):
                    result[student_id].append(self._view(klass))
        return result

    def classes_by_id(self, section_ids: Collection[str]) -> dict[str, ClassView]:
        return {
            sid: self._view(self.store.classes[sid])
            for sid in section_ids
            if sid in self.store.classes
        }

    def teachers_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[ClassTeacherView]]:
        result: dict[str, list[ClassTeacherView]] = {}
        for sid in section_ids:
            owner = self.store.classes[sid].owner_id if sid in self.store.classes else None
            views = []
            for tid in sorted(self.store.teachers_of.get(sid, set())):
                teacher = self.store.teachers.get(tid)
                views.append(
                    ClassTeacherView(
                        section_id=sid,
                        teacher_id=tid,
                        name=teacher.name if teacher else tid,
                        role="owner" if tid == owner else "co_teacher",
                        connected=bool(teacher and teacher.connected),
                    )
                )
            views.sort(key=lambda v: (v.role != "owner", v.name))
            result[sid] = views
        return result

    def students_for_classes(self, section_ids: Collection[str]) -> dict[str, list[StudentView]]:
        result: dict[str, list[StudentView]] = {}
        for sid in section_ids:
            views = []
            for student_id, active in self.store.enrollments.get(sid, {}).items():
                student = self.store.students.get(student_id)
                if active and student is not None:
                    views.append(
                        StudentView(
                            id=student.clever_id,
                            name=student.name,
                            grade_level=student.grade.enum_name if student.grade else None,
                            joined=student.joined,
                        )
                    )
            result[sid] = sorted(views, key=lambda v: (v.name, v.id))
        return result

    def demographics_for_students(
        self, student_ids: Collection[str]
    ) -> dict[str, DemographicsView]:
        result = {}
        for student_id in student_ids:
            student = self.store.students.get(student_id)
            if student is not None:
                shared = {name: getattr(student.demographics, name) for name in DEMOGRAPHIC_FIELDS}
                result[student_id] = DemographicsView(student_id, **shared)
        return result

    def history_for_classes(self, section_ids: Collection[str]) -> dict[str, list[RosterEventView]]:
        result: dict[str, list[RosterEventView]] = {sid: [] for sid in section_ids}
        for entry in self.store.history:
            if entry.section_id in result:
                student = self.store.students.get(entry.student_id)
                result[entry.section_id].append(
                    RosterEventView(
                        entry.section_id,
                        entry.student_id,
                        student.name if student else entry.student_id,
                        entry.action,
                        entry.at,
                        entry.sync_run_id,
                    )
                )
        return result

    def decisions_for_classes(self, section_ids: Collection[str]) -> dict[str, ClassDecisionsView]:
        return decisions_for_classes(self.store, section_ids)

    def sync_runs_for_teacher(self, teacher_id: str, first: int) -> list[SyncRun]:
        runs = [r for r in self.store.sync_runs.values() if r.teacher_id == teacher_id]
        return sorted(runs, key=lambda r: r.id or 0, reverse=True)[:first]

    def sync_run(self, run_id: int) -> SyncRun | None:
        return self.store.sync_runs.get(run_id)

    def taught_classes_for_teachers(
        self, teacher_ids: Collection[str], include_archived: bool
    ) -> dict[str, list[TaughtClassView]]:
        taught = self.classes_for_teachers(teacher_ids, include_archived)
        staff = self.teachers_for_classes({v.id for views in taught.values() for v in views})
        return {
            tid: [TaughtClassView(view, staff[view.id]) for view in views]
            for tid, views in taught.items()
        }

    def enrolled_students_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[EnrolledStudentView]]:
        enrolled = self.students_for_classes(section_ids)
        found = self.demographics_for_students({s.id for views in enrolled.values() for s in views})
        return {
            sid: [EnrolledStudentView(s, found[s.id]) for s in views]
            for sid, views in enrolled.items()
        }

    def teacher_roster(self, teacher_id: str, include_archived: bool) -> TeacherRosterView:
        taught = self.taught_classes_for_teachers([teacher_id], include_archived)[teacher_id]
        enrolled = self.enrolled_students_for_classes([c.klass.id for c in taught])
        return TeacherRosterView(taught, enrolled)

    def roster_version_and_viewer(self, account_id: int) -> VersionedViewer | None:
        account = self.store.accounts.get(account_id)
        if account is None:
            return None
        teacher = student = None
        if account.clever_id is not None:
            teacher = self.store.teachers.get(account.clever_id)
            student = self.store.students.get(account.clever_id)
        viewer = viewer_of(
            account_id,
            account.role,
            account.name,
            account.clever_id,
            teacher.account_id if teacher else None,
            student.account_id if student else None,
        )
        return VersionedViewer(self._roster_version(), viewer)

    def _roster_version(self) -> int:
        """The store keeps no counter, so the version is a digest of everything a roster query
        shows: equal digests mean equal rosters (a test-sized store makes this cheap enough)."""
        s = self.store
        shown = repr(
            (
                sorted(s.teachers.items()),
                sorted(s.students.items()),
                sorted(s.classes.items()),
                sorted(s.class_synced_at.items()),
                sorted((sid, sorted(tids)) for sid, tids in s.teachers_of.items()),
                sorted((sid, sorted(members.items())) for sid, members in s.enrollments.items()),
                s.history,
                sorted(s.modes.items()),
                sorted((sid, sorted(found.items())) for sid, found in s.exceptions.items()),
            )
        )
        return int.from_bytes(hashlib.blake2b(shown.encode(), digest_size=8).digest(), "big")
