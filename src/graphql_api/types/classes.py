"""A class (one Clever section) with its teachers, students and roster history."""

from __future__ import annotations

from datetime import datetime

import strawberry
from starlette.concurrency import run_in_threadpool

from application.ports import ClassTeacherView, ClassView, EnrolledStudentView, RosterEventView
from graphql_api.access import class_access, grant
from graphql_api.context import ClassAccess, Info
from graphql_api.enums import (
    ArchiveReason,
    GradeLevel,
    RosterAction,
    SyncMode,
    TeacherRole,
    grade_level,
)
from graphql_api.errors import Forbidden
from graphql_api.roster_fetch import children
from graphql_api.types.decisions import RosterException, class_decisions
from graphql_api.types.explanations import StudentExplanation, explain_in_class
from graphql_api.types.people import Student, StudentRef, Teacher
from graphql_api.types.terms import Term

NOT_YOURS = "You cannot see this class."


@strawberry.type
class ClassTeacher:
    teacher: Teacher
    role: TeacherRole
    connected: bool = strawberry.field(description="Whether this teacher has connected Clever.")

    @classmethod
    def from_view(cls, view: ClassTeacherView) -> ClassTeacher:
        return cls(
            teacher=Teacher(id=strawberry.ID(view.teacher_id), name=view.name),
            role=TeacherRole(view.role),
            connected=view.connected,
        )


@strawberry.type
class RosterEvent:
    student: StudentRef
    action: RosterAction
    at: datetime
    sync_run_id: strawberry.ID | None

    @classmethod
    def from_view(cls, view: RosterEventView) -> RosterEvent:
        return cls(
            student=StudentRef(id=strawberry.ID(view.student_id), name=view.student_name),
            action=RosterAction(view.action),
            at=view.at,
            sync_run_id=strawberry.ID(str(view.sync_run_id)) if view.sync_run_id else None,
        )


@strawberry.type(name="Class")
class ClassNode:
    id: strawberry.ID
    name: str
    subject: str | None
    period: str | None
    grade_level: GradeLevel | None
    archived: bool
    last_synced_at: datetime | None
    student_count: int
    term: Term | None = strawberry.field(
        description="The Clever term; null when Clever gives none."
    )
    kept_after_term: bool = strawberry.field(
        description="A teacher keeps this class live after its term ended."
    )
    archived_reason: ArchiveReason | None = strawberry.field(
        description="Why the class was archived; null while it is live."
    )

    @classmethod
    def from_view(cls, view: ClassView) -> ClassNode:
        return cls(
            id=strawberry.ID(view.id),
            name=view.name,
            subject=view.subject,
            period=view.period,
            grade_level=grade_level(view.grade_level),
            archived=view.archived,
            last_synced_at=view.last_synced_at,
            student_count=view.student_count,
            term=Term.from_domain(view.term),
            kept_after_term=view.kept_after_term,
            archived_reason=view.archived_reason,
        )

    # The teachers and students fields answer at once from what the teacher's roster read
    # brought (the usual case); anything else is loaded, and graphql-core awaits the
    # awaitable such a resolver then returns.

    @strawberry.field
    def teachers(self, info: Info) -> list[ClassTeacher]:
        context = info.context
        views = context.primed_teachers.get(self.id)
        if views is None or self.id not in context.class_access:
            return self._teachers_later(info)  # type: ignore[return-value]
        return [ClassTeacher.from_view(v) for v in views]

    async def _teachers_later(self, info: Info) -> list[ClassTeacher]:
        await seen_class(info, self.id)
        views = await info.context.loaders.teachers_of_class.load(self.id)
        return [ClassTeacher.from_view(v) for v in views]

    @strawberry.field(description="Active students; a student viewer sees only themselves.")
    def students(self, info: Info) -> list[Student]:
        context = info.context
        views = context.primed_students.get(self.id)
        access = context.class_access.get(self.id)
        if views is None or access is None:
            return self._students_later(info)  # type: ignore[return-value]
        return self._students(info, access, views)

    async def _students_later(self, info: Info) -> list[Student]:
        access = await seen_class(info, self.id)
        views = await info.context.loaders.students_of_class.load(self.id)
        return self._students(info, access, views)

    def _students(
        self, info: Info, access: ClassAccess, views: list[EnrolledStudentView]
    ) -> list[Student]:
        if access is not ClassAccess.TEACHER:
            own = info.context.viewer.student_id if info.context.viewer else None
            return [Student.from_view(v, None) for v in views if v.student.id == own]
        # Demographics only for a live class (an archived one keeps its roster, not their
        # view), and only when asked for: whatever is shown is audited.
        if self.archived or not children(info.selected_fields, "demographics"):
            return [Student.from_view(v, None) for v in views]
        info.context.revealed.student_ids.update(v.student.id for v in views)
        return [Student.from_view(v, v.demographics) for v in views]

    @strawberry.field(
        description="Who was added, dropped or restored, oldest first; "
        "a student viewer sees only their own entries."
    )
    async def roster_history(self, info: Info) -> list[RosterEvent]:
        access = await seen_class(info, self.id)
        views = await info.context.loaders.history_of_class.load(self.id)
        if access is not ClassAccess.TEACHER:
            own = info.context.viewer.student_id if info.context.viewer else None
            views = [v for v in views if v.student_id == own]
        return [RosterEvent.from_view(v) for v in views]

    @strawberry.field(
        description="How syncs treat this class; null for a student (only teachers see it)."
    )
    async def sync_mode(self, info: Info) -> SyncMode | None:
        decisions = await class_decisions(info, self.id, await seen_class(info, self.id))
        return SyncMode(decisions.sync_mode) if decisions else None

    @strawberry.field(
        description="Students a teacher kept out of or in this class; "
        "empty for a student (only teachers see them)."
    )
    async def exceptions(self, info: Info) -> list[RosterException]:
        decisions = await class_decisions(info, self.id, await seen_class(info, self.id))
        return [RosterException.from_view(v) for v in decisions.exceptions] if decisions else []

    @strawberry.field(
        description="While the class is paused: what the last sync would have changed "
        "(teachers only)."
    )
    async def waiting_changes(self, info: Info) -> list[str]:
        decisions = await class_decisions(info, self.id, await seen_class(info, self.id))
        return list(decisions.waiting) if decisions else []

    @strawberry.field(
        description="Why a student (a name, Clever id or SIS id) is, or is not, in this "
        "class; teachers of the class only (anyone else gets an empty list)."
    )
    async def explain_student(self, info: Info, search: str) -> list[StudentExplanation]:
        return await explain_in_class(info, self.id, search)


async def seen_class(info: Info, section_id: str) -> ClassAccess:
    """How the viewer reaches this class; anyone else is refused (every path here checked
    already: this is the last line of defence)."""
    access = info.context.class_access.get(section_id)
    if access is None:
        access = await class_access(info.context, section_id)
    if access is None:
        raise Forbidden(NOT_YOURS)
    return access


async def changed_class(info: Info, section_id: str) -> ClassNode | None:
    """A class a teacher just changed, read past the request's loader (which may hold it as
    it was before); that teacher may see it."""
    found = await run_in_threadpool(info.context.deps.reader.classes_by_id, [section_id])
    view = found.get(section_id)
    if view is None:
        return None
    grant(info.context, [view.id], ClassAccess.TEACHER)
    return ClassNode.from_view(view)
