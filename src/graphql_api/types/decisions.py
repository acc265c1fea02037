"""Teachers' decisions about a class, as its teachers (and only they) see them."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from application.ports import ClassDecisionsView, RosterExceptionView
from graphql_api.context import ClassAccess, Info
from graphql_api.enums import ExceptionKind
from graphql_api.types.people import StudentRef, Teacher


@strawberry.type(description="A teacher's decision about one student of a class.")
class RosterException:
    student: StudentRef
    kind: ExceptionKind
    until: date | None = strawberry.field(description="A keep-in ends after this day.")
    made_by: Teacher
    made_at: datetime
    clever_lists: bool | None = strawberry.field(
        description="Whether the last sync found Clever listing them in the class."
    )

    @classmethod
    def from_view(cls, view: RosterExceptionView) -> RosterException:
        return cls(
            student=StudentRef(id=strawberry.ID(view.student_id), name=view.student_name),
            kind=ExceptionKind(view.kind),
            until=view.until,
            made_by=Teacher(id=strawberry.ID(view.made_by_id), name=view.made_by_name),
            made_at=view.made_at,
            clever_lists=view.clever_lists,
        )


async def class_decisions(
    info: Info, section_id: str, access: ClassAccess
) -> ClassDecisionsView | None:
    """The class's decisions for one of its teachers; None for a student of the class, who
    never sees them."""
    if access is not ClassAccess.TEACHER:
        return None
    return await info.context.loaders.decisions_of_class.load(section_id)
