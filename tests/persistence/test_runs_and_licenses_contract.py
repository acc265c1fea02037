from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from application.errors import ActiveRunExists
from domain.licensing import LicenseScope, PremiumLicense
from domain.problems import Problem
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from domain.term import Term
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend
from tests.persistence.rosters import AT, snapshot, sync

TERM = Term("term-1", "2026-2027 School Year", date(2026, 8, 17), date(2027, 6, 11))


def _run(teacher_id: str = "t1", status: SyncStatus = SyncStatus.QUEUED) -> SyncRun:
    return SyncRun(None, teacher_id, DISTRICT, SyncTrigger.MANUAL, status, AT)


def test_a_second_active_run_for_the_same_teacher_is_refused(backend: Backend) -> None:
    with backend.uow() as uow:
        first = uow.sync_runs.add(_run())
        uow.commit()

    with backend.uow() as uow:
        with pytest.raises(ActiveRunExists):
            uow.sync_runs.add(_run(status=SyncStatus.RUNNING))
        other = uow.sync_runs.add(_run("t2"))
        uow.commit()

    with backend.uow() as uow:
        assert uow.sync_runs.active_for_teacher("t1") == first
        assert uow.sync_runs.active_for_teacher("t2") == other


def test_after_a_run_finishes_a_new_one_may_start(backend: Backend) -> None:
    with backend.uow() as uow:
        first = uow.sync_runs.add(_run())
        uow.sync_runs.update(first.skip("no licence", AT + timedelta(seconds=1)))
        second = uow.sync_runs.add(_run())
        uow.commit()

    with backend.uow() as uow:
        assert uow.sync_runs.active_for_teacher("t1") == second
        latest = uow.sync_runs.latest_for_teacher("t1", 5)
        assert [r.id for r in latest] == [second.id, first.id]
        assert latest[1].status is SyncStatus.SKIPPED and latest[1].message == "no licence"
        assert uow.sync_runs.latest_for_teacher("t1", 1) == [second]


def test_a_held_run_keeps_its_change_set_for_approval(backend: Backend) -> None:
    teacher = TeacherFactory()
    kids = [StudentFactory() for _ in range(4)]
    section = SectionFactory(
        teacher_id=teacher.id,
        teacher_ids=(teacher.id,),
        student_ids=tuple(k.id for k in kids),
        term_id=TERM.id,
    )
    clever = replace(snapshot([section], [teacher, *kids]), terms={TERM.id: TERM})
    changes, _ = sync(backend.uow, teacher.id, clever)
    changes = replace(
        changes,
        problems=(Problem("student", "s9", "grade", "bad grade"),),
        holds=("would drop 3 of 4 students from Math",),
        classes_term_ended=("c-old",),
        notes=("1 class of 2025\u201326 archived (term ended)",),
    )
    with backend.uow() as uow:
        run = uow.sync_runs.add(_run(teacher.id, SyncStatus.RUNNING))
        held = run.hold(changes, AT + timedelta(minutes=1))
        # Every part of a change set survives storage, the classes' terms included.
        whole = replace(run.hold(changes, AT), id=None, held_changes=changes)
        uow.sync_runs.update(held)
        whole = uow.sync_runs.add(replace(whole, teacher_id="t-other"))
        uow.commit()

    with backend.uow() as uow:
        stored = uow.sync_runs.get(run.id)  # type: ignore[arg-type]
        stored_whole = uow.sync_runs.get(whole.id)  # type: ignore[arg-type]
    assert stored == held
    assert stored is not None and stored.held_changes == changes.removals()
    assert stored_whole is not None and stored_whole.held_changes == changes
    assert changes.classes_created[0].term == TERM
    assert stored.counts.students_enrolled == 4
    assert stored.counts.classes_archived_term_ended == 1
    assert stored.message == (
        "would drop 3 of 4 students from Math; 1 class of 2025\u201326 archived (term ended)"
    )


def test_licences_cover_their_teacher_school_or_district(backend: Backend) -> None:
    teacher_lic = PremiumLicense(LicenseScope.TEACHER, "t1", date(2027, 6, 30))
    school_lic = PremiumLicense(LicenseScope.SCHOOL, "sch1")
    district_lic = PremiumLicense(LicenseScope.DISTRICT, "d1")
    with backend.uow() as uow:
        for lic in (
            teacher_lic,
            school_lic,
            district_lic,
            PremiumLicense(LicenseScope.TEACHER, "t2"),
        ):
            uow.licenses.add(lic)
        uow.commit()

    with backend.uow() as uow:
        assert uow.licenses.covering("t1", "d1", ["sch1"]) == [
            teacher_lic,
            school_lic,
            district_lic,
        ]
        assert uow.licenses.covering("t1", "d2", []) == [teacher_lic]
        assert uow.licenses.covering("t3", "d2", ["sch9"]) == []
        assert uow.licenses.covering(None, "d1", ["sch1"]) == [school_lic, district_lic]
