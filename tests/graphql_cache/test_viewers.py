"""Different viewers never share a cached answer, and a viewer's own fields are checked on
every hit."""

from __future__ import annotations

from dataclasses import replace

from tests.graphql.world import PASSWORD
from tests.graphql_cache.world import ROSTER, answer, cache_of, cached_world, hits, roster

STUDENT_VIEW = "{ viewer { classes { name students { name demographics { race } } } } }"


def test_two_teachers_asking_the_same_query_each_see_their_own_classes() -> None:
    world = cached_world()
    mine = roster(world, 1, 2)
    other_teacher = world.teacher()
    world.section([other_teacher], world.students(5), name="Elsewhere")
    other = world.signed_in(world.account(other_teacher))
    world.sync(other_teacher)

    answers = [answer(client)["data"]["viewer"] for client in (mine.client, other) * 2]

    assert [c["name"] for c in answers[0]["classes"]] == ["C0"]
    assert [c["name"] for c in answers[1]["classes"]] == ["Elsewhere"]
    assert answers[2:] == answers[:2]
    assert len(cache_of(world)) == 2 and hits(world) == 2


def test_a_co_teacher_gets_an_answer_of_their_own() -> None:
    world = cached_world()
    setup = roster(world, 1, 1)
    co_teacher = world.signed_in(world.account(setup.co_teacher))

    answer(setup.client)
    answer(co_teacher)

    assert len(cache_of(world)) == 2 and hits(world) == 0


def test_a_student_asking_a_teachers_query_sees_only_themselves() -> None:
    world = cached_world()
    setup = roster(world, 1, 3)
    answer(setup.client, STUDENT_VIEW)
    student_id = setup.sections[0].student_ids[0]
    pupil = world.signed_in(world.account(world.clever.people[student_id]))

    seen = [answer(pupil, STUDENT_VIEW)["data"]["viewer"]["classes"] for _ in range(2)]

    name = world.clever.people[student_id].name
    assert (
        seen[0] == seen[1] == [{"name": "C0", "students": [{"name": name, "demographics": None}]}]
    )
    assert hits(world) == 1


def test_the_viewers_own_fields_are_never_stale() -> None:
    world = cached_world()
    setup = roster(world, 1, 1)
    query = "{ viewer { name role cleverLinked } }"
    assert answer(setup.client, query) == answer(setup.client, query)
    with world.services.uow() as uow:
        account = uow.accounts.get(setup.account.id or 0)
        assert account is not None
        uow.accounts.update(replace(account, name="Ms Renamed"))
        uow.commit()

    assert answer(setup.client, query)["data"]["viewer"]["name"] == "Ms Renamed"


def test_signing_in_as_someone_else_on_the_same_browser() -> None:
    world = cached_world()
    setup = roster(world, 1, 1)
    first = answer(setup.client)
    other_teacher = world.teacher()
    other_account = world.account(other_teacher)

    response = setup.client.post(
        "/auth/login", data={"email": other_account.email or "", "password": PASSWORD}
    )

    assert response.status_code == 303
    assert answer(setup.client) != first
    assert answer(setup.client)["data"]["viewer"] == {"classes": []}


def test_roster_query_after_sign_out_is_anonymous() -> None:
    world = cached_world()
    setup = roster(world, 1, 1)
    answer(setup.client, ROSTER)
    answer(setup.client, ROSTER)

    setup.client.post("/auth/logout")

    assert answer(setup.client, ROSTER)["data"] == {"viewer": None}
