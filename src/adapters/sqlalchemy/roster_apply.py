"""Writing ChangeSets in set-based batches: no per-row round trips, no rewrite of unchanged rows.

Several change sets (a batch of teachers' syncs) are written together, table by table, as long
as they touch different rows; a change set touching a row an earlier one touched starts a new
group, so the result is always what writing them one after another would give.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import Connection, or_

from adapters.sqlalchemy import roster_writes as write
from adapters.sqlalchemy.batches import upsert
from adapters.sqlalchemy.decisions import write_decision_changes
from adapters.sqlalchemy.roster_writes import Pair
from adapters.sqlalchemy.rows import class_values, student_values, teacher_values
from adapters.sqlalchemy.tables import classes, students, teachers
from domain.changeset import ChangeSet
from domain.term import ArchiveReason

RunChanges = tuple[ChangeSet, int]

TEACHER_FIELDS = ("district_id", "name", "email", "school_ids", "rostering_started")
STUDENT_FIELDS = (
    "district_id",
    "name",
    "email",
    "grade",
    "ell_status",
    "hispanic_ethnicity",
    "iep_status",
    "frl_status",
    "race",
    "gender",
)
CLASS_FIELDS = (
    "district_id",
    "school_id",
    "clever_name",
    "subject",
    "period",
    "grade",
    "owner_id",
    "archived",
    "term_id",
    "term_name",
    "term_start_date",
    "term_end_date",
    "archived_reason",
)


def apply_change_sets(conn: Connection, items: Sequence[RunChanges], at: datetime) -> None:
    for group in _disjoint_groups(items):
        _write(conn, group, at)


def _write(conn: Connection, group: list[RunChanges], at: datetime) -> None:
    # Claims (account_id) and the teacher's own class name (custom_name) are set only when a
    # row is first created; a sync never overwrites them.
    # A change set may have waited for approval: a rostering flag set since then stays set.
    sets = [changes for changes, _ in group]
    upsert(
        conn,
        teachers,
        [teacher_values(t) for c in sets for t in c.teachers],
        ["clever_id"],
        TEACHER_FIELDS,
        merged={"rostering_started": or_},
    )
    new_students = [{**student_values(s), "account_id": None} for c in sets for s in c.students]
    upsert(conn, students, new_students, ["clever_id"], STUDENT_FIELDS)
    # Archived and restored first: an update that also lists the class (a renamed class whose
    # term is over) must find it still live, or its archived_at would never be set.
    for reason, archived in (
        (ArchiveReason.SECTION_GONE, [sid for c in sets for sid in c.classes_archived]),
        (ArchiveReason.TERM_ENDED, [sid for c in sets for sid in c.classes_term_ended]),
    ):
        write.set_archived(conn, archived, True, at, reason)
    write.set_archived(conn, [sid for c in sets for sid in c.classes_restored], False, at, None)
    synced = [
        {**class_values(k), "last_synced_at": at}
        for c in sets
        for k in (*c.classes_created, *c.classes_updated)
    ]
    upsert(conn, classes, synced, ["section_id"], CLASS_FIELDS, also_set=["last_synced_at"])
    write.add_memberships(
        conn, [(m.section_id, m.teacher_id) for c in sets for m in c.memberships_added]
    )
    removed = [(m.section_id, m.teacher_id) for c in sets for m in c.memberships_removed]
    write.remove_memberships(conn, removed)
    run_of = {
        (k.section_id, k.student_id): run_id
        for changes, run_id in group
        for k in (*changes.enrolled, *changes.restored, *changes.dropped)
    }
    history = [
        *_history(write.enroll(conn, _pairs(sets, "enrolled"), at), "added"),
        *_history(write.set_active(conn, _pairs(sets, "restored"), True, at), "restored"),
        *_history(write.set_active(conn, _pairs(sets, "dropped"), False, at), "dropped"),
    ]
    if history:
        write.insert_history(conn, [(s, st, act, run_of[(s, st)]) for s, st, act in history], at)
    write_decision_changes(conn, sets)


def _pairs(sets: list[ChangeSet], name: str) -> list[Pair]:
    return [(k.section_id, k.student_id) for c in sets for k in getattr(c, name)]


def _history(pairs: list[Pair], action: str) -> list[tuple[str, str, str]]:
    return [(section_id, student_id, action) for section_id, student_id in pairs]


def _disjoint_groups(items: Sequence[RunChanges]) -> Iterator[list[RunChanges]]:
    """Consecutive change sets that touch no row in common, so they can be written as one."""
    group: list[RunChanges] = []
    touched: set[tuple[str, ...]] = set()
    for item in items:
        rows = _rows_touched(item[0])
        if group and not rows.isdisjoint(touched):
            yield group
            group, touched = [], set()
        group.append(item)
        touched |= rows
    if group:
        yield group


def _rows_touched(c: ChangeSet) -> set[tuple[str, ...]]:
    rows: set[tuple[str, ...]] = {("teacher", t.clever_id) for t in c.teachers}
    rows.update(("student", s.clever_id) for s in c.students)
    rows.update(("class", k.section_id) for k in (*c.classes_created, *c.classes_updated))
    archived = (*c.classes_archived, *c.classes_term_ended, *c.classes_restored)
    rows.update(("class", sid) for sid in archived)
    members = (*c.memberships_added, *c.memberships_removed)
    rows.update(("member", m.section_id, m.teacher_id) for m in members)
    keys = (*c.enrolled, *c.restored, *c.dropped)
    rows.update(("enrollment", k.section_id, k.student_id) for k in keys)
    return rows
