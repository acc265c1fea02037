"""What Clever (the sandbox, over its Data API) says a teacher teaches: the tests' expectations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.demo_process import Product


@dataclass(frozen=True)
class Person:
    id: str
    first: str
    last: str


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    teacher_ids: tuple[str, ...]
    student_ids: tuple[str, ...]


class CleverRoster:
    def __init__(self, product: Product) -> None:
        self.admin_url = f"{product.clever_url}/_sandbox"
        self.http = httpx.Client(
            base_url=f"{product.clever_url}/v3.1",
            headers={"Authorization": f"Bearer {product.district_token}"},
            timeout=10,
        )

    def _data(self, path: str) -> Any:
        response = self.http.get(path)
        response.raise_for_status()
        return response.json()["data"]

    def sections_of(self, teacher_id: str) -> list[Section]:
        rows = self._data(f"/users/{teacher_id}/sections?limit=1000")
        return [
            Section(s["id"], s["name"], tuple(s["teachers"]), tuple(s["students"]))
            for s in (row["data"] for row in rows)
        ]

    def person(self, user_id: str) -> Person:
        name = self._data(f"/users/{user_id}")["name"]
        return Person(user_id, name["first"], name["last"])

    def teacher_ids(self) -> list[str]:
        return [row["data"]["id"] for row in self._data("/users?role=teacher&limit=1000")]

    def spare_teachers(self, product: Product) -> list[tuple[str, list[Section]]]:
        """Teachers who share no section with the sample teacher or the sample student, so a
        test may change their classes without touching the others' expectations."""
        sample = self.sections_of(product.sample_teacher_id)
        busy = {t for s in sample for t in s.teacher_ids} | {product.sample_teacher_id}
        spare = []
        for teacher_id in self.teacher_ids():
            sections = self.sections_of(teacher_id)
            apart = all(
                not busy & set(s.teacher_ids) and product.sample_student_id not in s.student_ids
                for s in sections
            )
            if teacher_id not in busy and apart and sections:
                spare.append((teacher_id, sections))
        return spare

    def change(self, op: str, **args: object) -> None:
        """A scripted change in Clever (the sandbox's admin endpoint)."""
        response = httpx.post(
            f"{self.admin_url}/changes", json={"op": op, "args": args}, timeout=10
        )
        response.raise_for_status()
