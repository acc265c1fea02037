"""`rostersync forget-district CLEVER_ID` after the district's people signed in, synced and read
demographics: no row of any table names the district, its people or its classes any more; their
sessions are anonymous, even replayed after a new account is created; the other district stays."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, text

from adapters.cli.main import cli
from application.premium_grants import GrantPremiumCommand
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from graphql_api.app import SESSION_COOKIE
from tests.reliability.conftest import NO_RATE_LIMIT
from tests.reliability.live_app import PUBLIC_URL, SYNC, LiveProduct, graphql, school_of
from tests.reliability.secrets import people
from tests.reliability.served_app import product_environment

VIEWER = "{ viewer { id name classes { id name students { name } } } }"


@pytest.fixture
def two_districts() -> Iterator[RunningSandbox]:
    sandbox = Sandbox(seed=5, students=150, districts=2, rate_limit_per_minute=NO_RATE_LIMIT)
    with serve_in_thread(sandbox) as running:
        yield running


@pytest.fixture
def live(database_url: str, two_districts: RunningSandbox) -> Iterator[LiveProduct]:
    product = LiveProduct.start(database_url, two_districts, env="production")
    yield product
    product.close()


def traces_of(clever: RunningSandbox, district_id: str, other_id: str) -> set[str]:
    """Ids, names and emails that belong to the district (and not also to the other one)."""
    sandbox = clever.sandbox
    ids = {district_id}
    for kind in ("teachers", "students", "sections", "schools"):
        ids |= {r["id"] for r in getattr(sandbox, kind)(district_id)}
    return ids | (people(clever, district_id) - people(clever, other_id))


def rows_mentioning(live: LiveProduct, traces: set[str]) -> dict[str, list[str]]:
    """Every table the database has (not only those the code knows), row by row. A district's
    or school's Premium licence is the district's contract, not its people's data: it stays."""
    engine = live.deployment.engine
    found: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for table in inspect(engine).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                if table == "premium_licenses" and row.scope in ("district", "school"):
                    continue
                shown = " ".join(str(value) for value in row)
                hits = [t for t in traces if t in shown]
                if hits:
                    found.setdefault(table, []).append(f"{hits[:3]} in {shown[:120]}")
    return found


@dataclass
class Forgotten:
    student_cookie: str


@pytest.fixture
def forgotten(live: LiveProduct, two_districts: RunningSandbox, database_url: str) -> Forgotten:
    """Both districts' teachers synced and everyone signed in; then one district forgotten."""
    gone, staying = two_districts.sandbox.districts
    here, there = school_of(two_districts, gone), school_of(two_districts, staying)
    for who, user_id in (("staying teacher", there.teacher), ("teacher", here.teacher)):
        synced = graphql(live.sign_in(who, user_id), SYNC)
        assert synced["data"]["syncWithClever"]["status"] == "SUCCEEDED", synced
    live.deployment.services.grant_premium(GrantPremiumCommand(LicenseScope.TEACHER, here.teacher))
    live.sign_in("staying student", there.student)
    student = live.sign_in("student", here.student)  # the newest account
    read = """query($id: ID!) { class(id: $id) { students { demographics { race } } } }"""
    section = next(s for s in two_districts.sandbox.sections(gone) if here.student in s["students"])
    graphql(live.browsers["teacher"], read, id=section["id"])
    traces = traces_of(two_districts, gone, staying)
    assert rows_mentioning(live, traces), "the district's data should be there to forget"
    cookie = student.service.cookies[SESSION_COOKIE]

    # The operator's production environment: the CLI refuses a non-https public URL there.
    env = product_environment(database_url, two_districts, PUBLIC_URL.replace("http:", "https:"))
    result = CliRunner().invoke(cli, ["forget-district", gone, "--yes"], env=env)

    assert result.exit_code == 0, result.output
    assert "records deleted" in result.output
    assert rows_mentioning(live, traces) == {}
    return Forgotten(cookie)


def test_no_row_of_the_forgotten_district_is_left_and_the_other_district_stays(
    live: LiveProduct, forgotten: Forgotten
) -> None:
    staying_view = graphql(live.browsers["staying teacher"], VIEWER)["data"]["viewer"]
    assert staying_view["classes"] and staying_view["classes"][0]["students"]
    assert graphql(live.browsers["staying student"], VIEWER)["data"]["viewer"]["classes"]


def test_the_forgotten_peoples_next_request_is_anonymous(
    live: LiveProduct, forgotten: Forgotten
) -> None:
    for who in ("student", "teacher"):
        assert graphql(live.browsers[who], VIEWER) == {"data": {"viewer": None}}, who
        assert live.browsers[who].service.get("/account").status_code in (302, 303), who


def test_a_forgotten_session_stays_anonymous_after_a_new_account_is_made(
    live: LiveProduct, forgotten: Forgotten
) -> None:
    newcomer = live.browser()
    signed_up = newcomer.service.post(
        "/auth/signup",
        data={"email": "new@example.org", "password": "a long passphrase", "name": "New"}
        | {"role": "teacher"},
    )
    assert signed_up.status_code == 303, signed_up.text
    replayed = live.browser()
    replayed.service.cookies.set(SESSION_COOKIE, forgotten.student_cookie)

    assert graphql(replayed, VIEWER) == {"data": {"viewer": None}}, "an old session came back"
