"""A deterministic batch of everyday roster churn (drops, adds, renames)."""

from __future__ import annotations

import random

from . import section_changes, user_changes
from .store import DistrictStore

DROP, ENROLL, RENAME = 0.4, 0.8, 0.9  # cumulative shares; the rest edits a student


def apply_change_fraction(store: DistrictStore, fraction: float, seed: int, now: str) -> int:
    """Apply about `fraction` x students changes; return how many records changed."""
    rng = random.Random(f"clever-sandbox-churn:{seed}")
    section_ids = [s for s in store.sections.ids() if isinstance(store.sections.get(s), dict)]
    if not section_ids:
        return 0
    school_students = {
        school: ids
        for (school, role), ids in store.index().school_users.items()
        if role == "student"
    }
    operations = max(1, round(fraction * len(store.students)))
    changed: set[str] = set()
    for _ in range(operations):
        roll = rng.random()
        section_id = rng.choice(section_ids)
        section = store.sections.get(section_id) or {}
        members = [m for m in section.get("students") or [] if m in store.students]
        if roll < DROP and members:
            if section_changes.drop(store, section_id, rng.choice(members), now):
                changed.add(section_id)
        elif roll < ENROLL:
            candidates = school_students.get(str(section.get("school")), [])
            if candidates and section_changes.enroll(
                store, section_id, rng.choice(candidates), now
            ):
                changed.add(section_id)
        elif roll < RENAME:
            new_name = f"{section.get('name', 'Section')} ({rng.randint(2, 99)})"
            if section_changes.update_section(store, section_id, now, {"name": new_name}):
                changed.add(section_id)
        elif members:
            student_id = rng.choice(members)
            value = rng.choice(("Y", "N", ""))
            if user_changes.set_student_field(store, student_id, "ell_status", value, now):
                changed.add(student_id)
    return len(changed)
