"""One teacher's valid roster in the sandbox, damaged by a drawn plan (and restored after)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from clever_sandbox.state import Sandbox
from tests.reliability.clever_changes import sections_of
from tests.reliability.damage import (
    SECTION_DAMAGE,
    STRUCTURAL,
    STUDENT_DAMAGE,
    TEACHER_DAMAGE,
    UNKNOWN_STUDENT_ID,
    Damage,
    Effect,
    RawEdits,
    set_path,
)

CATALOGUE = {"students": STUDENT_DAMAGE, "sections": SECTION_DAMAGE, "teachers": TEACHER_DAMAGE}
KINDS = ["students", "students", "sections", "teachers", "structure"]


@dataclass(frozen=True)
class TeacherRoster:
    teacher: str
    sections: dict[str, tuple[str, ...]]  # section id -> its students
    teachers_of: dict[str, tuple[str, ...]]  # section id -> its teachers
    co_teachers: tuple[str, ...]
    outsiders: tuple[str, ...]  # district teachers on none of these sections

    @classmethod
    def of(cls, sandbox: Sandbox, teacher: str) -> TeacherRoster:
        sections = sections_of(sandbox, teacher)
        teaching = {t for s in sections for t in s["teachers"]}
        return cls(
            teacher,
            {s["id"]: tuple(s["students"]) for s in sections},
            {s["id"]: tuple(s["teachers"]) for s in sections},
            tuple(sorted(teaching - {teacher})),
            tuple(sorted(t["id"] for t in sandbox.teachers() if t["id"] not in teaching)),
        )

    @property
    def students(self) -> list[str]:
        return sorted({sid for listed in self.sections.values() for sid in listed})

    def listed_outside(self, refused: set[str]) -> set[str]:
        """Everyone a section that is not refused lists: the people a sync reads."""
        kept = [s for s in self.sections if s not in refused]
        return {p for s in kept for p in (*self.sections[s], *self.teachers_of[s])}


def draw_damage(data: st.DataObject, roster: TeacherRoster) -> list[Damage]:
    """One to four damaged records, never the same record twice."""
    pools = {
        "students": roster.students,
        "sections": sorted(roster.sections),
        "teachers": list(roster.co_teachers),
        "structure": sorted(roster.sections),
    }
    used: set[str] = set()
    plan: list[Damage] = []
    for _ in range(data.draw(st.integers(1, 4), label="records damaged")):
        kind = data.draw(st.sampled_from(KINDS))
        target = data.draw(st.sampled_from(pools[kind]))
        if target in used:
            continue
        used.add(target)
        if kind == "structure":
            what = data.draw(st.sampled_from(STRUCTURAL))
            plan.append(Damage("sections", target, Effect.FLAGGED, what))
            if what == "duplicate student":
                twin = next((s for s in roster.sections[target] if s not in used), None)
                if twin is None:
                    plan.pop()
                    continue
                used.add(twin)
                plan[-1].value = twin
            continue
        path, values, effect = data.draw(st.sampled_from(CATALOGUE[kind]))
        plan.append(Damage(kind, target, effect, ".".join(path), path, data.draw(values)))
    return plan


def inflict(plan: list[Damage], roster: TeacherRoster, edits: RawEdits) -> None:
    for damage in plan:
        record = edits.record(damage.kind, damage.target)
        if damage.what == "unknown student":
            record["students"] = [*record["students"], UNKNOWN_STUDENT_ID]
        elif damage.what == "primary teacher not in teachers":
            record["teacher"] = roster.outsiders[0]
        elif damage.what == "duplicate student":
            twin = str(damage.value)
            copy_key = f"{twin}-copy"
            edits.add("students", copy_key, edits.record("students", twin))
            record["students"] = [*record["students"], copy_key]
        elif damage.what == "duplicate section":
            edits.add("sections", f"{damage.target}-copy", copy.deepcopy(record))
        else:
            set_path(record, damage.path, damage.value)
        edits.put(damage.kind, damage.target, record)


def full_name(record: dict[str, Any]) -> str:
    """How a person's name should read once synced: parts joined, whitespace collapsed."""
    name = record.get("name") or {}
    parts = [name.get(key) for key in ("first", "middle", "last")]
    return " ".join(" ".join(part for part in parts if part).split())
