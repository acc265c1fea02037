"""Rule 10: a sync that would take away too much waits for a teacher's approval."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from domain.changeset import ChangeSet
from domain.roster import RosterState


def holds(
    state: RosterState, changes: ChangeSet, teacher_ids: Iterable[str], threshold: float
) -> tuple[str, ...]:
    """Mass changes wait for a teacher's approval: more than the threshold of a class's students
    dropped, or of a teacher's classes archived or lost. The additions land even while held, so
    the shares are of the class (and the teacher's classes) with them: the same sync run again
    is held the same way."""
    found: list[str] = []
    drops = Counter(e.section_id for e in changes.dropped)
    renamed = {c.section_id: c for c in changes.classes_updated}
    joining = Counter(e.section_id for e in (*changes.enrolled, *changes.restored))
    for section_id, dropped in sorted(drops.items()):
        active = state.active_students(section_id) + joining[section_id]
        if active and dropped / active > threshold:
            klass = renamed.get(section_id) or state.classes.get(section_id)
            name = klass.name if klass else section_id
            found.append(f"would drop {dropped} of {active} students from {name}")
    archived = set(changes.classes_archived)
    for teacher_id in sorted(teacher_ids):
        lost = {m.section_id for m in changes.memberships_removed if m.teacher_id == teacher_id}
        if not (archived or lost):
            continue  # nothing taken away: no need to count the teacher's classes
        active_classes = _live_classes_after_additions(state, changes, teacher_id)
        gone = (archived | lost) & active_classes
        if active_classes and len(gone) / len(active_classes) > threshold:
            found.append(f"would remove {len(gone)} of {len(active_classes)} classes")
    return tuple(found)


def _live_classes_after_additions(
    state: RosterState, changes: ChangeSet, teacher_id: str
) -> set[str]:
    """The teacher's live classes once the additions (and the "term ended" archives) landed;
    those held by id only are live, and no change names them."""
    taught = state.classes_of_teacher(teacher_id)
    taught |= {m.section_id for m in changes.memberships_added if m.teacher_id == teacher_id}
    live = {c.section_id for c in changes.classes_created} | set(changes.classes_restored)
    live |= {sid for sid, klass in state.classes.items() if not klass.archived and sid in taught}
    by_id = state.live_by_id.get(teacher_id, set())
    return ((live & taught) - set(changes.classes_term_ended)) | by_id
