"""The SQL writer lands change sets exactly as the domain says they land (domain.landing):
the same change sets, written by both, leave the same classes, class teachers and their roles,
enrollments with their times, people, teachers' decisions and roster history."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from adapters.sqlalchemy.tables import classes, enrollments, roster_history, students, teachers
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.sync_runs import landing_part
from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher
from domain.decisions import ExceptionKind, ModeDecision, StudentException, SyncMode
from domain.enrollment import Enrollment
from domain.landing import advance
from domain.reconcile import SyncScope, reconcile
from domain.roster import RosterState
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot
from domain.term import ArchiveReason, Term
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.rosters import finished_run

TERM = Term("term-2025", "2025-2026 School Year", date(2025, 8, 18), date(2026, 6, 5))
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
History = list[tuple[str, str, str, datetime, int]]


class Twin:
    """One roster twice: a RosterState the domain lands change sets on, and a database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.uow = SqlAlchemyUnitOfWorkFactory(engine)
        self.state = RosterState()
        self.history: History = []

    def land(self, items: list[tuple[ChangeSet, int]], at: datetime) -> None:
        for changes, run_id in items:
            for action, landed in advance(self.state, changes, at):
                self.history.append((landed.section_id, landed.student_id, action, at, run_id))
        with self.uow() as uow:
            uow.rosters.apply_many(items, at)
            uow.commit()

    def decide(self, mode: ModeDecision | None, section_id: str) -> None:
        with self.uow() as uow:
            uow.rosters.save_sync_mode(section_id, mode)
            uow.commit()
        if mode is None:
            self.state.modes.pop(section_id, None)
        else:
            self.state.modes[section_id] = mode

    def except_student(self, exception: StudentException) -> None:
        with self.uow() as uow:
            uow.rosters.save_exception(exception)
            uow.commit()
        self.state.exceptions.setdefault(exception.section_id, {})[exception.student_id] = exception

    def assert_same(self) -> None:
        with self.engine.connect() as conn:
            section_ids = set(conn.execute(select(classes.c.section_id)).scalars())
            people = set(conn.execute(select(students.c.clever_id)).scalars())
            teacher_ids = set(conn.execute(select(teachers.c.clever_id)).scalars())
            seats = conn.execute(select(enrollments)).all()
            rows = conn.execute(
                select(
                    roster_history.c.section_id,
                    roster_history.c.student_id,
                    roster_history.c.action,
                    roster_history.c.at,
                    roster_history.c.sync_run_id,
                )
            ).all()
        with self.uow() as uow:
            stored = uow.rosters.load_state(section_ids, teacher_ids, people | teacher_ids)
        for row in seats:  # the times a sync's state does not read
            stored.enrollments[row.section_id][row.student_id] = Enrollment(
                row.section_id, row.student_id, row.active, row.enrolled_at, row.dropped_at
            )
        assert stored == self.state
        assert sorted(tuple(r) for r in rows) == sorted(self.history)


class Walk:
    """A district that changes at random from one sync to the next: teachers come and go from
    sections (owners too), students are dropped and come back, sections vanish and return,
    terms end, and teachers pause classes and keep students in or out."""

    def __init__(self, twin: Twin, seed: int) -> None:
        self.twin = twin
        self.rng = random.Random(seed)
        self.teachers = [TeacherFactory() for _ in range(3)]
        self.students = [StudentFactory() for _ in range(8)]
        self.section_ids = [SectionFactory().id for _ in range(5)]
        self.maker = self.teachers[0].id

    def snapshot(self) -> RosterSnapshot:
        rng = self.rng
        listed = [sid for sid in self.section_ids if rng.random() < 0.8]
        sections = tuple(self._section(sid) for sid in listed)
        people: dict[str, CleverPerson] = {}
        for person in (*self.teachers, *self.students):
            renamed = rng.random() < 0.1
            people[person.id] = replace(person, name=f"{person.name} B") if renamed else person
        gone = set(self.twin.state.classes) - set(listed)
        return RosterSnapshot(
            sections=sections,
            people=people,
            gone_section_ids=frozenset(gone),
            terms={TERM.id: TERM},
        )

    def _section(self, section_id: str) -> CleverSection:
        rng = self.rng
        teacher_ids = tuple(t.id for t in self.teachers if rng.random() < 0.6)
        owner = rng.choice(teacher_ids) if teacher_ids and rng.random() < 0.8 else None
        section: CleverSection = SectionFactory(
            id=section_id,
            name=rng.choice(["Algebra", "Geometry"]),
            period=rng.choice(["1", "2"]),
            teacher_id=owner,
            teacher_ids=teacher_ids,
            student_ids=tuple(s.id for s in self.students if rng.random() < 0.7),
            term_id=TERM.id if rng.random() < 0.5 else None,
        )
        return section

    def step(self, at: datetime) -> None:
        teacher = self.rng.choice(self.teachers)
        run_id = finished_run(self.twin.uow, teacher.id)
        scope = SyncScope(frozenset({teacher.id}), True, 0.5, at.date(), 14)
        changes = reconcile(self.twin.state, self.snapshot(), scope)
        self.twin.land([(landing_part(changes), run_id)], at)

    def decide(self, at: datetime) -> None:
        """Decisions about the stored classes, made on both sides."""
        rng, state = self.rng, self.twin.state
        for section_id in sorted(state.classes):
            if rng.random() < 0.3:
                mode = rng.choice([SyncMode.PAUSED, SyncMode.ADD_ONLY, None])
                made = None if mode is None else ModeDecision(section_id, mode, self.maker, at)
                self.twin.decide(made, section_id)
            for student_id in sorted(state.enrollments.get(section_id, {})):
                if rng.random() < 0.15:
                    kind = rng.choice(list(ExceptionKind))
                    until = at.date() + timedelta(days=rng.choice([5, 60]))
                    self.twin.except_student(
                        StudentException(section_id, student_id, kind, self.maker, at, until)
                    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_syncs_land_in_the_database_as_the_domain_lands_them(engine: Engine, seed: int) -> None:
    twin = Twin(engine)
    walk = Walk(twin, seed)
    for day in range(16):
        at = START + timedelta(days=9 * day, seconds=day)
        if day in (3, 8):
            walk.decide(at)
        walk.step(at)
        twin.assert_same()


def test_a_batch_touching_the_same_rows_lands_as_its_change_sets_one_after_another(
    engine: Engine,
) -> None:
    twin = Twin(engine)
    owner, co, other = TeacherFactory(), TeacherFactory(), TeacherFactory()
    kids = [StudentFactory() for _ in range(3)]
    section = SectionFactory(
        teacher_id=owner.id, teacher_ids=(owner.id, co.id), student_ids=tuple(k.id for k in kids)
    )
    first = RosterSnapshot(sections=(section,), people={p.id: p for p in (owner, co, other, *kids)})
    run_id = finished_run(twin.uow, owner.id)
    twin.land([(reconcile(twin.state, first, SyncScope(frozenset({owner.id}))), run_id)], START)
    sid, kid, left = section.id, kids[0].id, kids[1].id
    dropped, back = Enrollment(sid, kid, active=False), Enrollment(sid, kid)
    owned_by_co = replace(twin.state.classes[sid], owner_id=co.id)

    twin.land(
        [
            (
                ChangeSet(dropped=(dropped, Enrollment(sid, left, False)), classes_archived=(sid,)),
                run_id,
            ),
            # Enrolling a dropped student makes the enrollment active again, recorded as added.
            (ChangeSet(enrolled=(back,), restored=(back,), classes_restored=(sid, sid)), run_id),
            (
                ChangeSet(
                    classes_updated=(owned_by_co,),
                    memberships_added=(CoTeacher(sid, other.id),),
                    dropped=(dropped, dropped),
                    restored=(Enrollment(sid, left),),
                    classes_archived=(sid,),
                ),
                run_id,
            ),
            (ChangeSet(memberships_removed=(CoTeacher(sid, owner.id),)), run_id),
            # An update carries the class's archived flag with its other fields.
            (ChangeSet(classes_updated=(owned_by_co,)), run_id),
            (ChangeSet(classes_archived=(sid,)), run_id),
            # An archived class is not archived again: it keeps the reason it has.
            (ChangeSet(classes_term_ended=(sid,)), run_id),
        ],
        START + timedelta(hours=1),
    )

    twin.assert_same()
    assert twin.state.classes[sid].archived_reason is ArchiveReason.SECTION_GONE
    assert set(twin.state.teachers_of[sid].values()) == {
        CoTeacher.of(sid, co.id, co.id),
        CoTeacher.of(sid, other.id, co.id),
    }
