"""A preview: what a sync would change, before it lands."""

from __future__ import annotations

from collections import Counter

import strawberry

from application.ports import ClassView
from domain.changeset import ChangeSet as DomainChangeSet
from domain.enrollment import Enrollment
from graphql_api.types.sync import SyncProblem


@strawberry.type(description="Student changes a sync would make in one class.")
class ClassRosterChange:
    class_id: strawberry.ID
    name: str
    students_enrolled: int
    students_dropped: int
    students_restored: int


@strawberry.type(description="A change Clever asks for that a teacher's decision keeps back.")
class SkippedChange:
    class_id: strawberry.ID
    class_name: str
    message: str = strawberry.field(
        description='e.g. "Clever lists Ana; kept out by your decision".'
    )


@strawberry.type(description="What a sync would change; nothing has been applied.")
class ChangeSet:
    classes_created: int
    classes_updated: int
    classes_archived: int
    classes_restored: int
    classes_archived_term_ended: int = strawberry.field(
        description="Of classesArchived, those whose Clever term ended (never held)."
    )
    students_enrolled: int
    students_dropped: int
    students_restored: int
    co_teachers_added: int
    co_teachers_removed: int
    changes_skipped_by_decisions: int
    skipped_changes: list[SkippedChange]
    created_class_names: list[str]
    updated_class_names: list[str]
    archived_class_names: list[str]
    restored_class_names: list[str]
    class_changes: list[ClassRosterChange]
    held: bool = strawberry.field(description="Whether applying it would wait for approval.")
    holds: list[str] = strawberry.field(description="Why it would be held.")
    problems: list[SyncProblem]

    @classmethod
    def from_domain(cls, changes: DomainChangeSet, known: dict[str, ClassView]) -> ChangeSet:
        """``known`` names the classes already stored (for archived and restored ids)."""
        names = {sid: view.name for sid, view in known.items()}
        names.update({c.section_id: c.name for c in changes.classes_created})
        names.update({c.section_id: c.name for c in changes.classes_updated})
        return cls(
            **changes.counts.as_dict(),
            skipped_changes=[
                SkippedChange(
                    class_id=strawberry.ID(s.section_id),
                    class_name=names.get(s.section_id, s.section_id),
                    message=s.message,
                )
                for s in changes.skipped
            ],
            created_class_names=[c.name for c in changes.classes_created],
            updated_class_names=[c.name for c in changes.classes_updated],
            archived_class_names=[
                names.get(s, s) for s in (*changes.classes_archived, *changes.classes_term_ended)
            ],
            restored_class_names=[names.get(s, s) for s in changes.classes_restored],
            class_changes=_class_changes(changes, names),
            held=changes.held,
            holds=list(changes.holds),
            problems=[SyncProblem.from_domain(p) for p in changes.problems],
        )


def referenced_class_ids(changes: DomainChangeSet) -> set[str]:
    """Stored classes a preview mentions by id only."""
    keys = (*changes.enrolled, *changes.dropped, *changes.restored)
    skipped = {s.section_id for s in changes.skipped}
    return {
        *changes.classes_archived,
        *changes.classes_term_ended,
        *changes.classes_restored,
        *(k.section_id for k in keys),
        *skipped,
    }


def _class_changes(changes: DomainChangeSet, names: dict[str, str]) -> list[ClassRosterChange]:
    def per_class(keys: tuple[Enrollment, ...]) -> Counter[str]:
        return Counter(k.section_id for k in keys)

    enrolled, dropped = per_class(changes.enrolled), per_class(changes.dropped)
    restored = per_class(changes.restored)
    section_ids = sorted(set(enrolled) | set(dropped) | set(restored))
    return [
        ClassRosterChange(
            class_id=strawberry.ID(sid),
            name=names.get(sid, sid),
            students_enrolled=enrolled[sid],
            students_dropped=dropped[sid],
            students_restored=restored[sid],
        )
        for sid in section_ids
    ]
