"""The part of a district's events one teacher's sync answers for, as a roster snapshot."""

from __future__ import annotations

from application.event_scope import EventScope
from domain.snapshot import RosterSnapshot


def event_slice(scope: EventScope, teacher_id: str, known: set[str]) -> RosterSnapshot:
    """Changed sections listing the teacher or already among their classes, those of their
    classes Clever no longer has, and the changed people of both. Sections left out stay as
    they are, so the snapshot is complete for what it holds."""
    sections = tuple(
        s for s in scope.sections.values() if teacher_id in s.all_teacher_ids or s.id in known
    )
    listed = {s.id for s in sections}
    gone = frozenset((scope.gone_section_ids & known) - listed)
    wanted = {teacher_id}
    for section in sections:
        wanted.update(section.all_teacher_ids)
        wanted.update(section.student_ids)
    wanted.update(pid for pid, sids in scope.person_sections.items() if sids & known)
    people = {pid: scope.people[pid] for pid in sorted(wanted) if pid in scope.people}
    own = wanted | listed | known
    problems = tuple(p for p in scope.problems if p.clever_id in own)
    return RosterSnapshot(
        sections=sections, people=people, gone_section_ids=gone, complete=True, problems=problems
    )
