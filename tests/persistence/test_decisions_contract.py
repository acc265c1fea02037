"""Teachers' decisions: stored, read with a sync's state, applied, and forgotten alike everywhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.decisions import ExceptionKind, ModeDecision, StudentException, SyncMode
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend
from tests.persistence.rosters import AT, snapshot, sync


def _class_of_three(backend: Backend) -> tuple[str, str, list[str]]:
    owner = TeacherFactory()
    kids = [StudentFactory() for _ in range(3)]
    section = SectionFactory(
        teacher_id=owner.id, teacher_ids=(owner.id,), student_ids=tuple(k.id for k in kids)
    )
    sync(backend.uow, owner.id, snapshot([section], [owner, *kids]))
    return section.id, owner.id, [k.id for k in kids]


def test_decisions_read_back_with_the_state_and_as_views(backend: Backend) -> None:
    section_id, owner_id, kids = _class_of_three(backend)
    paused = ModeDecision(section_id, SyncMode.PAUSED, owner_id, AT, ("1 student to drop",))
    out = StudentException(section_id, kids[0], ExceptionKind.KEEP_OUT, owner_id, AT)
    kept = StudentException(
        section_id, kids[1], ExceptionKind.KEEP_IN, owner_id, AT, date(2027, 1, 31)
    )
    with backend.uow() as uow:
        uow.rosters.save_sync_mode(section_id, paused)
        uow.rosters.save_exception(out)
        uow.rosters.save_exception(kept)
        uow.rosters.set_enrolled(section_id, kids[0], False, AT)
        uow.commit()

    with backend.uow() as uow:
        state = uow.rosters.load_state({section_id}, (), ())
    assert state.modes == {section_id: paused}
    assert state.exceptions == {section_id: {kids[0]: out, kids[1]: kept}}
    assert state.enrollments[section_id][kids[0]].active is False

    views = backend.reader.decisions_for_classes([section_id, "no-such-class"])
    view = views[section_id]
    assert (view.sync_mode, view.mode_by_id, view.mode_at, view.waiting) == (
        "PAUSED",
        owner_id,
        AT,
        ("1 student to drop",),
    )
    assert [(e.student_id, e.kind, e.until, e.made_by_id) for e in view.exceptions] == [
        (kids[0], "KEEP_OUT", None, owner_id),
        (kids[1], "KEEP_IN", date(2027, 1, 31), owner_id),
    ]
    assert all(e.student_name and e.made_by_name for e in view.exceptions)
    assert views["no-such-class"].sync_mode == "FOLLOW_CLEVER"
    history = backend.reader.history_for_classes([section_id])[section_id]
    assert (history[-1].student_id, history[-1].action, history[-1].sync_run_id) == (
        kids[0],
        "dropped",
        None,
    )


def test_a_new_decision_replaces_the_last_and_following_clever_removes_the_mode(
    backend: Backend,
) -> None:
    section_id, owner_id, kids = _class_of_three(backend)
    later = AT + timedelta(hours=1)
    with backend.uow() as uow:
        uow.rosters.save_sync_mode(
            section_id, ModeDecision(section_id, SyncMode.ADD_ONLY, owner_id, AT)
        )
        uow.rosters.save_exception(
            StudentException(section_id, kids[0], ExceptionKind.KEEP_OUT, owner_id, AT)
        )
        uow.commit()
    with backend.uow() as uow:
        uow.rosters.save_sync_mode(section_id, None)
        uow.rosters.save_exception(
            StudentException(section_id, kids[0], ExceptionKind.KEEP_IN, owner_id, later)
        )
        uow.rosters.delete_exception(section_id, kids[2])  # none: nothing happens
        uow.commit()

    with backend.uow() as uow:
        state = uow.rosters.load_state({section_id}, (), ())
    assert state.modes == {}
    assert [(e.kind, e.made_at) for e in state.exceptions[section_id].values()] == [
        (ExceptionKind.KEEP_IN, later)
    ]


def test_a_sync_keeps_decisions_and_writes_what_a_paused_class_has_waiting(
    backend: Backend,
) -> None:
    owner = TeacherFactory()
    kids = [StudentFactory() for _ in range(3)]
    section = SectionFactory(
        teacher_id=owner.id, teacher_ids=(owner.id,), student_ids=tuple(k.id for k in kids)
    )
    sync(backend.uow, owner.id, snapshot([section], [owner, *kids]))
    lapsed = StudentException(
        section.id, kids[1].id, ExceptionKind.KEEP_IN, owner.id, AT, date(2020, 1, 1)
    )
    with backend.uow() as uow:
        uow.rosters.save_sync_mode(
            section.id, ModeDecision(section.id, SyncMode.PAUSED, owner.id, AT)
        )
        uow.rosters.save_exception(lapsed)
        uow.commit()

    renamed = replace(section, name="Geometry", student_ids=(kids[0].id,))
    changes, _ = sync(backend.uow, owner.id, snapshot([renamed], [owner, *kids]))

    assert changes.counts.changes_skipped_by_decisions == 3
    with backend.uow() as uow:
        state = uow.rosters.load_state({section.id}, (), ())
    assert state.classes[section.id].clever_name == section.name
    seats = state.enrollments[section.id]
    assert {k: e.active for k, e in seats.items()} == dict.fromkeys((k.id for k in kids), True)
    assert state.modes[section.id].waiting == ("Clever renamed it “Geometry”", "2 students to drop")
    assert state.exceptions == {}  # the keep-in whose date passed ended

    again, _ = sync(backend.uow, owner.id, snapshot([renamed], [owner, *kids]))
    assert again.writes_nothing


def test_forget_district_deletes_decisions(backend: Backend) -> None:
    section_id, owner_id, kids = _class_of_three(backend)
    with backend.uow() as uow:
        uow.rosters.save_sync_mode(
            section_id, ModeDecision(section_id, SyncMode.PAUSED, owner_id, AT)
        )
        uow.rosters.save_exception(
            StudentException(section_id, kids[0], ExceptionKind.KEEP_OUT, owner_id, AT)
        )
        uow.commit()
    with backend.uow() as uow:
        uow.rosters.forget_district(DISTRICT)
        uow.commit()

    with backend.uow() as uow:
        state = uow.rosters.load_state({section_id}, (), ())
    assert state.modes == {} and state.exceptions == {}


def test_a_sync_records_whether_clever_lists_a_student_with_an_exception(
    backend: Backend,
) -> None:
    owner = TeacherFactory()
    kids = [StudentFactory() for _ in range(3)]
    section = SectionFactory(
        teacher_id=owner.id, teacher_ids=(owner.id,), student_ids=tuple(k.id for k in kids)
    )
    sync(backend.uow, owner.id, snapshot([section], [owner, *kids]))
    with backend.uow() as uow:
        uow.rosters.save_exception(
            StudentException(section.id, kids[0].id, ExceptionKind.KEEP_IN, owner.id, AT)
        )
        uow.commit()

    dropped = replace(section, student_ids=(kids[1].id, kids[2].id))
    changes, _ = sync(backend.uow, owner.id, snapshot([dropped], [owner, *kids]))

    assert changes.dropped == ()
    with backend.uow() as uow:
        state = uow.rosters.load_state({section.id}, (), ())
    assert state.exceptions[section.id][kids[0].id].clever_lists is False
    assert state.enrollments[section.id][kids[0].id].active is True
    [view] = backend.reader.decisions_for_classes([section.id])[section.id].exceptions
    assert view.clever_lists is False
