"""DataLoaders over the reader's batch methods, built fresh for every request.

Every field of a roster query loads through these, so a query costs one reader call per
kind of record however many classes and students it covers. A response cache for unchanged
rosters would sit behind the reader (a caching RosterReader), leaving this module as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from application.ports import (
    ClassTeacherView,
    ClassView,
    Clock,
    DemographicsView,
    RosterEventView,
    RosterReader,
    StudentView,
)

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Loaders:
    classes_of_teacher: DataLoader[str, list[ClassView]]
    classes_of_teacher_with_archived: DataLoader[str, list[ClassView]]
    classes_of_student: DataLoader[str, list[ClassView]]
    class_by_id: DataLoader[str, ClassView | None]
    teachers_of_class: DataLoader[str, list[ClassTeacherView]]
    students_of_class: DataLoader[str, list[StudentView]]
    history_of_class: DataLoader[str, list[RosterEventView]]
    demographics: DataLoader[str, DemographicsView | None]


def build_loaders(reader: RosterReader, clock: Clock, viewer_account_id: int | None) -> Loaders:
    def audited_demographics(ids: Collection[str]) -> Mapping[str, DemographicsView]:
        """Demographics are read only together with their audit record."""
        found = reader.demographics_for_students(ids)
        if found and viewer_account_id is not None:
            reader.record_demographics_access(viewer_account_id, sorted(found), clock.now())
        return found

    return Loaders(
        classes_of_teacher=_loader(
            lambda ids: reader.classes_for_teachers(ids, include_archived=False), list
        ),
        classes_of_teacher_with_archived=_loader(
            lambda ids: reader.classes_for_teachers(ids, include_archived=True), list
        ),
        classes_of_student=_loader(reader.classes_for_students, list),
        class_by_id=_loader(reader.classes_by_id, lambda: None),
        teachers_of_class=_loader(reader.teachers_for_classes, list),
        students_of_class=_loader(reader.students_for_classes, list),
        history_of_class=_loader(reader.history_for_classes, list),
        demographics=_loader(audited_demographics, lambda: None),
    )


def _loader(
    batch: Callable[[list[K]], Mapping[K, V]], missing: Callable[[], V]
) -> DataLoader[K, V]:
    async def load(keys: Sequence[K]) -> list[V]:
        unique = list(dict.fromkeys(keys))
        found = await run_in_threadpool(batch, unique)
        return [found[key] if key in found else missing() for key in keys]

    return DataLoader(load_fn=load)
