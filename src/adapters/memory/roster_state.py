"""The memory store's rows as the domain's RosterState, and back.

The store keeps rosters the way the tables do (who teaches a class; whether each enrollment is
active), which is what the memory reader reads; a sync sees them as CoTeacher and Enrollment
values, and a landing is written back from them.
"""

from __future__ import annotations

from collections.abc import Collection

from adapters.memory.store import MemoryStore
from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher
from domain.enrollment import Enrollment
from domain.roster import RosterState


def state_of(
    store: MemoryStore,
    sections: Collection[str],
    rostered: Collection[str],
    people: Collection[str],
    decisions: bool = True,
) -> RosterState:
    """These stored classes with their teachers, the rostered ones with their enrollments (no
    times: the history keeps them), these people's records and the classes' decisions."""
    s = store
    return RosterState(
        classes={sid: s.classes[sid] for sid in sections},
        teachers_of={
            sid: {
                tid: CoTeacher.of(sid, tid, s.classes[sid].owner_id)
                for tid in s.teachers_of.get(sid, set())
            }
            for sid in sections
        },
        enrollments={
            sid: {pid: Enrollment(sid, pid, active) for pid, active in s.enrollments[sid].items()}
            if sid in s.enrollments
            else {}
            for sid in rostered
        },
        students={p: s.students[p] for p in people if p in s.students},
        teachers={p: s.teachers[p] for p in people if p in s.teachers},
        modes={sid: s.modes[sid] for sid in sections if decisions and sid in s.modes},
        exceptions={
            sid: dict(s.exceptions[sid]) for sid in sections if decisions and s.exceptions.get(sid)
        },
    )


def touched_by(store: MemoryStore, changes: ChangeSet) -> RosterState:
    """The stored state a change set lands on: every class it names, whole, and its people."""
    sections = {
        *(k.section_id for k in (*changes.classes_created, *changes.classes_updated)),
        *changes.classes_archived,
        *changes.classes_term_ended,
        *changes.classes_restored,
        *(m.section_id for m in (*changes.memberships_added, *changes.memberships_removed)),
        *(e.section_id for e in (*changes.enrolled, *changes.restored, *changes.dropped)),
        *(section_id for section_id, _ in changes.waiting),
        *(e.section_id for e in (*changes.exceptions_ended, *changes.exceptions_seen)),
    } & store.classes.keys()
    people = {t.clever_id for t in changes.teachers} | {s.clever_id for s in changes.students}
    return state_of(store, sections, sections, people)


def keep(store: MemoryStore, state: RosterState) -> None:
    """Write back a state loaded by ``touched_by`` once a change set landed on it."""
    s = store
    s.classes.update(state.classes)
    s.teachers.update(state.teachers)
    s.students.update(state.students)
    for sid, members in state.teachers_of.items():
        s.teachers_of[sid] = set(members)
    for sid, seats in state.enrollments.items():
        s.enrollments[sid] = {pid: e.active for pid, e in seats.items()}
    s.modes.update(state.modes)
    for sid in state.classes:
        if state.exceptions.get(sid):
            s.exceptions[sid] = dict(state.exceptions[sid])
        else:
            s.exceptions.pop(sid, None)
