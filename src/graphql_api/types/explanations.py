"""Class.explainStudent: why a student is, or is not, in a class, for its teachers."""

from __future__ import annotations

from datetime import datetime

import strawberry
from starlette.concurrency import run_in_threadpool

from application.explanations import ExplainStudentCommand, Explanation, InvalidSearch
from application.results import NotFound
from graphql_api.access import class_access
from graphql_api.context import ClassAccess, Info
from graphql_api.enums import ExplanationKind
from graphql_api.errors import BadUserInput
from graphql_api.types.people import StudentRef


@strawberry.type(description="One reason a student is, or is not, in a class.")
class StudentExplanation:
    kind: ExplanationKind
    message: str = strawberry.field(description="A sentence for the teacher.")
    student: StudentRef | None = strawberry.field(description="Null when no student matched.")
    since: datetime | None = strawberry.field(description="Since when this has been so.")

    @classmethod
    def from_domain(cls, explanation: Explanation) -> StudentExplanation:
        student = (
            StudentRef(
                id=strawberry.ID(explanation.student_id),
                name=explanation.student_name or explanation.student_id,
            )
            if explanation.student_id
            else None
        )
        return cls(
            kind=explanation.kind,
            message=explanation.message,
            student=student,
            since=explanation.since,
        )


async def explain_in_class(info: Info, section_id: str, search: str) -> list[StudentExplanation]:
    """Only a teacher of the class gets an answer; anyone else who reached the class (its
    students) gets an empty list."""
    context = info.context
    viewer = context.viewer
    if viewer is None or viewer.teacher_id is None:
        return []
    if await class_access(context, section_id) is not ClassAccess.TEACHER:
        return []
    # One live look at Clever per request: a query naming many classes (or aliases) cannot
    # turn into a burst of Clever requests against the district's rate limit.
    context.explanations_asked += 1
    live_look = context.explanations_asked == 1
    command = ExplainStudentCommand(section_id, search, viewer.teacher_id, live_look)
    try:
        result = await run_in_threadpool(context.deps.explain_student, command)
    except InvalidSearch as exc:
        raise BadUserInput(str(exc)) from None
    if isinstance(result, NotFound):
        return []
    return [StudentExplanation.from_domain(e) for e in result]
