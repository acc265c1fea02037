"""DataLoaders over the reader's batch methods, built fresh for every request.

Every field of a roster query loads through these, so a query costs one reader call per
kind of record however many classes and students it covers. A teacher's classes arrive with
their teachers, and students with their demographics, so a roster costs two reads and the
audit record of the demographics it reveals (written once the answer is complete, before it is
sent: see ``graphql_api.audit``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import cached_property
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from application.ports import (
    ClassDecisionsView,
    ClassTeacherView,
    ClassView,
    EnrolledStudentView,
    RosterEventView,
    RosterReader,
)

K = TypeVar("K")
V = TypeVar("V")
Fetch = Callable[[list[K]], Awaitable[Mapping[K, V]]]


class Loaders:
    """Each loader is made when a field first asks for it: a roster query uses two or three."""

    def __init__(self, reader: RosterReader) -> None:
        self.reader = reader

    @cached_property
    def classes_of_teacher(self) -> DataLoader[str, list[ClassView]]:
        return _loader(self._taught(include_archived=False), list)

    @cached_property
    def classes_of_teacher_with_archived(self) -> DataLoader[str, list[ClassView]]:
        return _loader(self._taught(include_archived=True), list)

    @cached_property
    def classes_of_student(self) -> DataLoader[str, list[ClassView]]:
        return _loader(_in_thread(self.reader.classes_for_students), list)

    @cached_property
    def class_by_id(self) -> DataLoader[str, ClassView | None]:
        return _loader(_in_thread(self.reader.classes_by_id), lambda: None)

    @cached_property
    def teachers_of_class(self) -> DataLoader[str, list[ClassTeacherView]]:
        return _loader(_in_thread(self.reader.teachers_for_classes), list)

    @cached_property
    def students_of_class(self) -> DataLoader[str, list[EnrolledStudentView]]:
        return _loader(_in_thread(self.reader.enrolled_students_for_classes), list)

    @cached_property
    def history_of_class(self) -> DataLoader[str, list[RosterEventView]]:
        return _loader(_in_thread(self.reader.history_for_classes), list)

    @cached_property
    def decisions_of_class(self) -> DataLoader[str, ClassDecisionsView]:
        return _loader(_in_thread(self.reader.decisions_for_classes), _following_clever)

    def _taught(self, include_archived: bool) -> Fetch[str, list[ClassView]]:
        reader = self.reader

        async def fetch(teacher_ids: list[str]) -> Mapping[str, list[ClassView]]:
            found = await run_in_threadpool(
                reader.taught_classes_for_teachers, teacher_ids, include_archived
            )
            self.teachers_of_class.prime_many(
                {c.klass.id: c.teachers for v in found.values() for c in v}
            )
            return {tid: [c.klass for c in views] for tid, views in found.items()}

        return fetch


def _following_clever() -> ClassDecisionsView:
    raise LookupError("the reader answers for every class asked about")


def build_loaders(reader: RosterReader) -> Loaders:
    return Loaders(reader)


def _in_thread(batch: Callable[[list[K]], Mapping[K, V]]) -> Fetch[K, V]:
    async def fetch(keys: list[K]) -> Mapping[K, V]:
        return await run_in_threadpool(batch, keys)

    return fetch


def _loader(fetch: Fetch[K, V], missing: Callable[[], V]) -> DataLoader[K, V]:
    async def load(keys: Sequence[K]) -> list[V]:
        found = await fetch(list(dict.fromkeys(keys)))
        return [found[key] if key in found else missing() for key in keys]

    return DataLoader(load_fn=load)
