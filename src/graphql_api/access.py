"""Whether the viewer may see a class, decided from the reader's membership data."""

from __future__ import annotations

import re

from graphql_api.context import ClassAccess, GraphQLContext

# Class ids are Clever section ids (24 hex characters); storage keeps at most this many.
MAX_CLASS_ID = 64
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def could_be_class_id(section_id: str) -> bool:
    """False for ids no class can have, such as text with NUL (which Postgres refuses even to
    compare): those are answered as unknown without asking storage."""
    return 0 < len(section_id) <= MAX_CLASS_ID and not _UNSTORABLE.search(section_id)


async def class_access(context: GraphQLContext, section_id: str) -> ClassAccess | None:
    """A connected teacher of the class, or a student actively enrolled in it; else nothing."""
    if not could_be_class_id(section_id):
        return None
    if section_id in context.class_access:
        return context.class_access[section_id]
    viewer = context.viewer
    access = None
    if viewer is not None and viewer.teacher_id is not None:
        teachers = await context.loaders.teachers_of_class.load(section_id)
        if any(t.teacher_id == viewer.teacher_id for t in teachers):
            access = ClassAccess.TEACHER
    elif viewer is not None and viewer.student_id is not None:
        classes = await context.loaders.classes_of_student.load(viewer.student_id)
        if any(c.id == section_id for c in classes):
            access = ClassAccess.STUDENT
    context.class_access[section_id] = access
    return access


def grant(context: GraphQLContext, section_ids: list[str], access: ClassAccess) -> None:
    """Record access proven by the reader listing these classes for the viewer's own id."""
    for section_id in section_ids:
        context.class_access[section_id] = access
