"""Rules 4 and 6: soft drops with history, restores, one student record per Clever id."""

from __future__ import annotations

from domain.sync_run import SyncStatus
from tests.unit.world import World


def test_a_student_missing_from_the_section_is_dropped_softly_then_restored(
    world: World,
) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(4)
    section = world.section([teacher], kids)
    added = world.run(teacher)

    world.enroll_only(section, kids[1:])
    world.clock.advance(days=1)
    dropped = world.run(teacher)
    assert dropped.counts.students_dropped == 1
    assert world.roster(section) == sorted(k.id for k in kids[1:])
    assert world.class_view(section).student_count == 3

    world.enroll_only(section, kids)
    world.clock.advance(days=1)
    restored = world.run(teacher)
    assert restored.counts.students_restored == 1
    assert restored.counts.students_enrolled == 0
    assert world.roster(section) == sorted(k.id for k in kids)

    leaver = [
        (action, run_id) for sid, action, run_id in world.history(section) if sid == kids[0].id
    ]
    assert leaver == [("added", added.id), ("dropped", dropped.id), ("restored", restored.id)]
    events = world.services.reader.history_for_classes([section.id])[section.id]
    dates = [e.at for e in events if e.student_id == kids[0].id]
    assert dates == [added.finished_at, dropped.finished_at, restored.finished_at]
    assert len(set(dates)) == 3


def test_a_new_student_in_clever_is_enrolled_with_an_added_entry(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(2)
    section = world.section([teacher], kids[:1])
    world.run(teacher)

    world.enroll_only(section, kids)
    run = world.run(teacher)

    assert run.counts.students_enrolled == 1
    assert (kids[1].id, "added", run.id) in world.history(section)
    assert world.roster(section) == sorted(k.id for k in kids)


def test_student_accounts_survive_being_dropped_from_every_class(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(4)
    leaving = kids[0]
    first = world.section([teacher], kids)
    second = world.section([teacher], [leaving, kids[1]])
    world.section([teacher], [])
    world.run(teacher)
    account = world.connect(leaving)

    world.enroll_only(first, kids[1:])
    world.delete_section(second.id)
    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert world.services.reader.classes_for_students([leaving.id])[leaving.id] == []
    assert account.id is not None
    assert world.account(account.id) == account
    assert world.connect(leaving).id == account.id
    assert (leaving.id, "dropped", run.id) in world.history(first)


def test_a_student_in_several_teachers_classes_is_one_student(world: World) -> None:
    world.grant()
    math, art = world.teacher(), world.teacher()
    shared = world.students(1)[0]
    math_class = world.section([math], [shared, *world.students(1)], name="Math")
    art_class = world.section([art], [shared], name="Art")
    math_second = world.section([math], [shared], name="Math lab")
    world.run(math)
    world.run(art)

    world.connect(shared)

    classes = world.services.reader.classes_for_students([shared.id])[shared.id]
    assert sorted(c.id for c in classes) == sorted([math_class.id, art_class.id, math_second.id])
    for section in (math_class, art_class, math_second):
        assert world.student_view(section, shared).joined is True


def test_a_section_listing_a_student_clever_did_not_return_records_a_problem(
    world: World,
) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(1)
    section = world.section([teacher], kids)
    world.change_section(section.id, student_ids=(kids[0].id, "s-unknown"))

    run = world.run(teacher)

    assert run.status is SyncStatus.PARTIAL
    assert [(p.record_type, p.clever_id, p.field) for p in run.problems] == [
        ("section", section.id, "students")
    ]
    assert world.roster(section) == [kids[0].id]
