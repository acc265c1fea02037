"""A session the server ended signs nobody in, whatever copy of its cookie is replayed: after
logout, "sign out everywhere", the idle timeout, the absolute lifetime and forget-district,
the saved cookie gets UNAUTHENTICATED on a query answered before (remembered) and on one never
asked, and a mutation is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from adapters.sqlalchemy.tables import web_sessions
from graphql_api.session import SESSION_COOKIE
from tests.factories import DISTRICT
from tests.graphql.world import PASSWORD, GraphWorld, error_codes, gql
from tests.persistence.backends import Backend
from tests.request_path.world import CLASS, Roster, answer, roster, with_cookie, world_on

FRESH = "query($id: ID!) { class(id: $id) { id studentCount } }"
RENAME = "mutation($id: ID!, $name: String!) { renameClass(id: $id, name: $name) { id } }"


def logout(world: GraphWorld, setup: Roster) -> None:
    assert setup.client.post("/auth/logout").status_code == 303


def sign_out_everywhere(world: GraphWorld, setup: Roster) -> None:
    """From another device: both of the account's sessions end."""
    other = world.signed_in(setup.account)
    response = other.post("/auth/logout", data={"everywhere": "1"})
    assert response.status_code == 303
    assert gql(other, FRESH, id=setup.sections[0].id)["data"] == {"class": None}


def idle_timeout(world: GraphWorld, setup: Roster) -> None:
    world.session_clock.advance(minutes=30)


def absolute_lifetime(world: GraphWorld, setup: Roster) -> None:
    """Used every 20 minutes (never idle) until 12 hours after sign-in."""
    for _ in range(12 * 3):
        world.session_clock.advance(minutes=20)
        with_cookie(world, setup.client.cookies[SESSION_COOKIE]).get("/account")


def forget_district(world: GraphWorld, setup: Roster) -> None:
    world.services.forget_district(DISTRICT)


ENDINGS: dict[str, Callable[[GraphWorld, Roster], None]] = {
    "logout": logout,
    "everywhere": sign_out_everywhere,
    "idle": idle_timeout,
    "absolute": absolute_lifetime,
    "forget-district": forget_district,
}


@pytest.mark.parametrize("ending", ENDINGS)
def test_an_ended_session_reads_and_changes_nothing(backend: Backend, ending: str) -> None:
    world = world_on(backend)
    setup = roster(world, 1, 2)
    section = setup.sections[0].id
    shown = answer(setup.client, CLASS, id=section)
    assert answer(setup.client, CLASS, id=section) == shown  # answered from memory now
    saved = setup.client.cookies[SESSION_COOKIE]

    ENDINGS[ending](world, setup)
    replayed = with_cookie(world, saved)

    for query in (CLASS, FRESH):
        body = gql(replayed, query, id=section)
        assert body["data"] == {"class": None}, (query, body)
        assert error_codes(body) == ["UNAUTHENTICATED"]
    renamed = gql(replayed, RENAME, id=section, name="Taken over")
    assert error_codes(renamed) == ["UNAUTHENTICATED"]
    assert replayed.get("/account").status_code == 303  # to the sign-in page
    if ending != "forget-district":
        again = world.signed_in(setup.account)
        assert answer(again, CLASS, id=section)["data"]["class"]["name"] == "C0"
    if backend.engine is not None and ending in ("logout", "everywhere", "forget-district"):
        with backend.engine.connect() as conn:
            left = conn.execute(
                select(func.count())
                .select_from(web_sessions)
                .where(web_sessions.c.account_id == setup.account.id)
            ).scalar_one()
        assert left == (1 if ending != "forget-district" else 0)  # the new sign-in's only


def test_a_session_used_within_the_idle_timeout_lives_on(backend: Backend) -> None:
    world = world_on(backend)
    setup = roster(world, 1, 1)
    for _ in range(4):
        world.session_clock.advance(minutes=29)
        assert answer(setup.client, CLASS, id=setup.sections[0].id)["data"]["class"]


def test_the_idle_timeout_holds_to_the_minute_though_last_use_is_written_down_sparingly(
    backend: Backend,
) -> None:
    """A session's last use is written down at most once a minute: a use within a minute of
    the last one written does not move the idle timeout, which therefore ends the session at
    most a minute early, never late."""
    world = world_on(backend)
    setup = roster(world, 1, 1)  # signed in (last use written down) now
    section = setup.sections[0].id
    clock = world.session_clock

    clock.advance(minutes=1, seconds=1)
    assert answer(setup.client, CLASS, id=section)["data"]["class"]  # 1:01, written down
    clock.advance(minutes=29, seconds=59)
    assert answer(setup.client, CLASS, id=section)["data"]["class"]  # 31:00, written down
    clock.advance(seconds=50)
    assert answer(setup.client, CLASS, id=section)["data"]["class"]  # 31:50, not written
    clock.advance(minutes=29, seconds=10)  # 61:00: idle 30:00 since the use written down

    body = gql(setup.client, CLASS, id=section)
    assert error_codes(body) == ["UNAUTHENTICATED"]


def test_signing_in_again_with_the_old_cookie_does_not_revive_it(backend: Backend) -> None:
    """Visiting the Clever login with a logged-out cookie starts a new anonymous session;
    the old one stays ended."""
    world = world_on(backend)
    setup = roster(world, 1, 1)
    saved = setup.client.cookies[SESSION_COOKIE]
    setup.client.post("/auth/logout")
    replayed = with_cookie(world, saved)

    replayed.get("/auth/clever/login")

    body = gql(replayed, FRESH, id=setup.sections[0].id)
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert with_cookie(world, saved).get("/account").status_code == 303


def test_logout_is_post_only_and_refused_from_another_site(backend: Backend) -> None:
    world = world_on(backend)
    setup = roster(world, 1, 1)
    section = setup.sections[0].id

    assert setup.client.get("/auth/logout").status_code == 405
    cross = setup.client.post("/auth/logout", headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    fetched = setup.client.post("/auth/logout", headers={"Sec-Fetch-Site": "cross-site"})
    assert fetched.status_code == 403

    assert answer(setup.client, CLASS, id=section)["data"]["class"]["name"] == "C0"


def test_a_cookie_the_server_never_issued_signs_nobody_in(backend: Backend) -> None:
    """A browser offering an id of its choosing (session fixation) is given a new one."""
    world = world_on(backend)
    setup = roster(world, 1, 1)
    chosen = "attacker-chosen-session-id"
    victim = with_cookie(world, chosen)

    response = victim.post(
        "/auth/login", data={"email": setup.account.email or "", "password": PASSWORD}
    )

    assert response.status_code == 303
    assert victim.cookies[SESSION_COOKIE] != chosen
    attacker = with_cookie(world, chosen)
    assert error_codes(gql(attacker, FRESH, id=setup.sections[0].id)) == ["UNAUTHENTICATED"]
