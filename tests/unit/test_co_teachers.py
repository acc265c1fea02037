"""Rules 2 and 5: co-teachers gain access when they connect; teachers follow the section."""

from __future__ import annotations

from application.accounts import LoginResult, SignUpCommand
from domain.accounts import Account, Role
from tests.factories import CleverLoginFactory
from tests.unit.world import World


def test_co_teacher_gains_the_class_at_first_clever_login(world: World) -> None:
    world.grant()
    owner, co_teacher = world.teacher(), world.teacher()
    section = world.section([owner, co_teacher], world.students(2))
    world.run(owner)

    login = world.sso_login()(CleverLoginFactory.for_person(co_teacher))

    assert isinstance(login, LoginResult)
    assert login.created and login.rostered
    assert world.teachers_on(section)[co_teacher.id].connected is True
    assert [c.id for c in world.classes(co_teacher)] == [section.id]


def test_co_teacher_gains_the_class_by_linking_clever_to_their_account(world: World) -> None:
    world.grant()
    owner, co_teacher = world.teacher(), world.teacher()
    section = world.section([owner, co_teacher], world.students(2))
    world.run(owner)
    account = world.sign_up()(
        SignUpCommand("rivera@school.example.org", "correct horse battery", "Rivera", Role.TEACHER)
    )
    assert isinstance(account, Account) and account.id is not None

    linked = world.link_account()(account.id, CleverLoginFactory.for_person(co_teacher))

    assert linked.conflict is None
    assert world.teachers_on(section)[co_teacher.id].connected is True
    assert [c.id for c in world.classes(co_teacher)] == [section.id]


def test_co_teacher_who_connected_first_is_connected_when_the_class_appears(world: World) -> None:
    world.grant()
    owner, co_teacher = world.teacher(), world.teacher()
    section = world.section([owner, co_teacher], world.students(1))
    world.connect(co_teacher)

    run = world.run(owner)

    assert run.counts.co_teachers_added == 1
    assert world.teachers_on(section)[co_teacher.id].connected is True


def test_owner_change_follows_the_section_teacher(world: World) -> None:
    world.grant()
    first, second = world.teacher(), world.teacher()
    section = world.section([first, second], world.students(2))
    world.run(first)

    world.change_section(section.id, teacher_id=second.id)
    run = world.run(first)

    assert run.counts.classes_updated == 1
    assert (run.counts.co_teachers_added, run.counts.co_teachers_removed) == (0, 0)
    assert world.class_view(section).owner_id == second.id
    roles = {tid: view.role for tid, view in world.teachers_on(section).items()}
    assert roles == {second.id: "owner", first.id: "co_teacher"}


def test_teacher_removed_from_a_section_loses_the_class(world: World) -> None:
    world.grant()
    owner, leaving = world.teacher(), world.teacher()
    kids = world.students(3)
    shared = world.section([owner, leaving], kids)
    world.section([leaving], kids, name="Leaving's own A")
    world.section([leaving], kids, name="Leaving's own B")
    world.run(leaving)

    world.change_section(shared.id, teacher_ids=(owner.id,))
    run = world.run(leaving)

    assert run.counts.co_teachers_removed == 1
    assert shared.id not in [c.id for c in world.classes(leaving)]
    assert shared.id not in [c.id for c in world.classes(leaving, include_archived=True)]
    assert list(world.teachers_on(shared)) == [owner.id]
    assert world.class_view(shared).archived is False
    assert world.roster(shared) == sorted(k.id for k in kids)


def test_owner_removed_from_a_section_hands_it_to_the_new_teacher(world: World) -> None:
    world.grant()
    old, new = world.teacher(), world.teacher()
    section = world.section([old], world.students(1))
    world.section([old], [], name="Old's other class A")
    world.section([old], [], name="Old's other class B")
    world.run(old)

    world.change_section(section.id, teacher_id=new.id, teacher_ids=(new.id,))
    run = world.run(old)

    assert run.counts.classes_updated == 1
    assert section.id not in [c.id for c in world.classes(old)]
    assert [c.id for c in world.classes(new)] == [section.id]
    assert world.class_view(section).owner_id == new.id
