"""DataLoaders over the reader's batch methods, built fresh for every request.

Every field of a roster query loads through these, so a query costs one reader call per
kind of record however many classes and students it covers. A teacher's classes arrive with
their teachers, and students with their demographics, so a roster costs two reads and the
audit record of the demographics it reveals (written once the answer is complete, before it is
sent: see ``graphql_api.audit``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from application.ports import (
    ClassTeacherView,
    ClassView,
    EnrolledStudentView,
    RosterEventView,
    RosterReader,
)

K = TypeVar("K")
V = TypeVar("V")
Fetch = Callable[[list[K]], Awaitable[Mapping[K, V]]]


@dataclass(frozen=True, slots=True)
class Loaders:
    classes_of_teacher: DataLoader[str, list[ClassView]]
    classes_of_teacher_with_archived: DataLoader[str, list[ClassView]]
    classes_of_student: DataLoader[str, list[ClassView]]
    class_by_id: DataLoader[str, ClassView | None]
    teachers_of_class: DataLoader[str, list[ClassTeacherView]]
    students_of_class: DataLoader[str, list[EnrolledStudentView]]
    history_of_class: DataLoader[str, list[RosterEventView]]


def build_loaders(reader: RosterReader) -> Loaders:
    teachers_of_class: DataLoader[str, list[ClassTeacherView]] = _loader(
        _in_thread(reader.teachers_for_classes), list
    )

    def taught(include_archived: bool) -> Fetch[str, list[ClassView]]:
        async def fetch(teacher_ids: list[str]) -> Mapping[str, list[ClassView]]:
            found = await run_in_threadpool(
                reader.taught_classes_for_teachers, teacher_ids, include_archived
            )
            teachers_of_class.prime_many(
                {c.klass.id: c.teachers for v in found.values() for c in v}
            )
            return {tid: [c.klass for c in views] for tid, views in found.items()}

        return fetch

    return Loaders(
        classes_of_teacher=_loader(taught(include_archived=False), list),
        classes_of_teacher_with_archived=_loader(taught(include_archived=True), list),
        classes_of_student=_loader(_in_thread(reader.classes_for_students), list),
        class_by_id=_loader(_in_thread(reader.classes_by_id), lambda: None),
        teachers_of_class=teachers_of_class,
        students_of_class=_loader(_in_thread(reader.enrolled_students_for_classes), list),
        history_of_class=_loader(_in_thread(reader.history_for_classes), list),
    )


def _in_thread(batch: Callable[[list[K]], Mapping[K, V]]) -> Fetch[K, V]:
    async def fetch(keys: list[K]) -> Mapping[K, V]:
        return await run_in_threadpool(batch, keys)

    return fetch


def _loader(fetch: Fetch[K, V], missing: Callable[[], V]) -> DataLoader[K, V]:
    async def load(keys: Sequence[K]) -> list[V]:
        found = await fetch(list(dict.fromkeys(keys)))
        return [found[key] if key in found else missing() for key in keys]

    return DataLoader(load_fn=load)
