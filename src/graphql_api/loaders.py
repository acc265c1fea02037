"""DataLoaders over the reader's batch methods, built fresh for every request.

Every field of a roster query loads through these, so a query costs one reader call per
kind of record however many classes and students it covers. A teacher's classes arrive with
their teachers, and students with their demographics, so a roster costs two reads and the
audit record of the demographics it reveals.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
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
Fetch = Callable[[list[K]], Awaitable[Mapping[K, V]]]


@dataclass
class RevealedDemographics:
    """Whose demographics this request revealed, and when the first audit record says so: a
    response cache needs both to audit its repeat answers."""

    student_ids: set[str] = field(default_factory=set)
    audited_at: datetime | None = None

    def note(self, student_ids: Collection[str], at: datetime) -> None:
        self.student_ids.update(student_ids)
        self.audited_at = at if self.audited_at is None else min(self.audited_at, at)


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


def build_loaders(
    reader: RosterReader,
    clock: Clock,
    viewer_account_id: int | None,
    revealed: RevealedDemographics | None = None,
) -> Loaders:
    revealed = revealed if revealed is not None else RevealedDemographics()
    # Read along with the students, but not shown (nor audited) until a field asks for them.
    unrevealed: dict[str, DemographicsView] = {}
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

    async def enrolled(section_ids: list[str]) -> Mapping[str, list[StudentView]]:
        found = await run_in_threadpool(reader.enrolled_students_for_classes, section_ids)
        unrevealed.update((e.student.id, e.demographics) for v in found.values() for e in v)
        return {sid: [e.student for e in views] for sid, views in found.items()}

    async def audited_demographics(ids: list[str]) -> Mapping[str, DemographicsView]:
        """Demographics are shown only together with their audit record."""
        known = {sid: unrevealed[sid] for sid in ids if sid in unrevealed}
        missing = [sid for sid in ids if sid not in known]
        found = {**known, **(await _read_in_thread(reader, missing))}
        if found and viewer_account_id is not None:
            at = clock.now()
            await run_in_threadpool(
                reader.record_demographics_access, viewer_account_id, sorted(found), at
            )
            revealed.note(found, at)
        return found

    return Loaders(
        classes_of_teacher=_loader(taught(include_archived=False), list),
        classes_of_teacher_with_archived=_loader(taught(include_archived=True), list),
        classes_of_student=_loader(_in_thread(reader.classes_for_students), list),
        class_by_id=_loader(_in_thread(reader.classes_by_id), lambda: None),
        teachers_of_class=teachers_of_class,
        students_of_class=_loader(enrolled, list),
        history_of_class=_loader(_in_thread(reader.history_for_classes), list),
        demographics=_loader(audited_demographics, lambda: None),
    )


async def _read_in_thread(reader: RosterReader, ids: list[str]) -> Mapping[str, DemographicsView]:
    return await run_in_threadpool(reader.demographics_for_students, ids) if ids else {}


def _in_thread(batch: Callable[[list[K]], Mapping[K, V]]) -> Fetch[K, V]:
    async def fetch(keys: list[K]) -> Mapping[K, V]:
        return await run_in_threadpool(batch, keys)

    return fetch


def _loader(fetch: Fetch[K, V], missing: Callable[[], V]) -> DataLoader[K, V]:
    async def load(keys: Sequence[K]) -> list[V]:
        found = await fetch(list(dict.fromkeys(keys)))
        return [found[key] if key in found else missing() for key in keys]

    return DataLoader(load_fn=load)
