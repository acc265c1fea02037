"""One Clever budget per token, shared by every client: two clients on one Redis or database
limiter spend one budget, background work leaves room for teachers, a 429 pauses them all."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
import redis
import respx
from sqlalchemy import Engine, select

from adapters.clever import CleverHttp, CleverRateLimited, RetryPolicy
from adapters.clever.budget import (
    BudgetShare,
    CleverBudget,
    Priority,
    background_priority,
    budget_key,
)
from adapters.clever.budget_limits import KEY_PREFIX, InProcessCleverBudget, RedisCleverBudget
from adapters.sqlalchemy.clever_budget import SqlAlchemyCleverBudget
from adapters.sqlalchemy.tables import clever_budget_pauses, clever_budget_windows
from clever_sandbox.server import RunningSandbox
from tests.celery.live import REDIS_URL, isolated_broker
from tests.clever.conftest import API
from tests.persistence.conftest import (  # noqa: F401 (fixtures)
    postgres_database,
    postgres_engine,
    sqlite_engine,
    sqlite_template,
)

USERS = f"{API}/v3.1/users"


class Waited(Exception):
    """A client was told to wait: the request it was about to make was held back."""


def held_back(seconds: float) -> None:
    raise Waited(seconds)


@pytest.fixture
def token() -> str:
    return f"district-token-{uuid.uuid4().hex}"


class SharedStore:
    """Builds budgets on one store and lets time pass for them: really on Redis (the ``limits``
    library reads the clock), on a clock of the test's own in the database."""

    def __init__(
        self, build: Callable[[BudgetShare | None], CleverBudget], *, real_time: bool
    ) -> None:
        self.build = build
        self.real_time = real_time
        self.now = 1e9  # the start of a five-second window
        self.tokens: list[str] = []  # whose budgets Redis forgets after the test

    def __call__(self, share: BudgetShare | None = None) -> CleverBudget:
        return self.build(share)

    def clock(self) -> float:
        return self.now

    def pass_time(self, seconds: float) -> None:
        if self.real_time:
            time.sleep(seconds)
        self.now += seconds


@pytest.fixture(params=["redis", "sqlite", "postgres"])
def shared_budget(request: pytest.FixtureRequest, token: str) -> Iterator[SharedStore]:
    """Budgets on one store, by default each with room for 3 requests now, 2 of them background
    (one a second)."""
    if request.param == "redis":
        with isolated_broker():
            on_redis = SharedStore(
                lambda share: RedisCleverBudget(REDIS_URL, share or BudgetShare(3, 2 / 3)),
                real_time=True,
            )
            on_redis.tokens.append(token)
            yield on_redis
            client = redis.Redis.from_url(REDIS_URL)
            for spent in on_redis.tokens:
                for key in client.scan_iter(match=f"{KEY_PREFIX}*{budget_key(spent)}*"):
                    client.delete(key)
            client.close()
        return
    engine: Engine = request.getfixturevalue(f"{request.param}_engine")
    # 39 a minute is 3 in each five-second window; the store's clock stays in one window.
    store = SharedStore(
        lambda share: SqlAlchemyCleverBudget(
            engine, share or BudgetShare(39, 2 / 3), clock=store.clock
        ),
        real_time=False,
    )
    yield store


def client(budget: CleverBudget, sleep: Callable[[float], None] = held_back) -> CleverHttp:
    policy = RetryPolicy(attempts=1, sleep=sleep)
    return CleverHttp(retry=policy, client=httpx.Client(), budget=budget)


def test_two_clients_spend_one_token_budget(shared_budget: SharedStore, token: str) -> None:
    first, second = client(shared_budget()), client(shared_budget())
    with respx.mock(assert_all_called=False) as clever:
        route = clever.get(url__startswith=USERS).mock(return_value=httpx.Response(200, json={}))
        first.get(f"{USERS}/1", bearer=token)
        first.get(f"{USERS}/2", bearer=token)
        second.get(f"{USERS}/3", bearer=token)

        with pytest.raises(Waited):
            second.get(f"{USERS}/4", bearer=token)
        with pytest.raises(Waited):
            first.get(f"{USERS}/5", bearer=token)
        # Another token has its own budget.
        second.get(f"{USERS}/6", bearer=f"other-{token}")
    assert route.call_count == 4


def test_background_work_leaves_room_for_a_teacher(shared_budget: SharedStore, token: str) -> None:
    daily_job, teacher = client(shared_budget()), client(shared_budget())
    with respx.mock(assert_all_called=False) as clever:
        route = clever.get(url__startswith=USERS).mock(return_value=httpx.Response(200, json={}))
        with background_priority():
            daily_job.get(f"{USERS}/1", bearer=token)
            shared_budget.pass_time(1.0)  # the job's pace: one a second
            daily_job.get(f"{USERS}/2", bearer=token)
            shared_budget.pass_time(1.0)
            with pytest.raises(Waited) as job_waits:
                daily_job.get(f"{USERS}/3", bearer=token)

        teacher.get(f"{USERS}/4", bearer=token)
    assert route.call_count == 3
    assert job_waits.value.args[0] > 1.0  # its share of the minute is spent, not its second


def test_background_work_is_paced_through_the_minute_and_teachers_are_not(
    shared_budget: SharedStore, token: str
) -> None:
    # Clever's limit: 900 background requests a minute, 15 a second.
    budget, key = shared_budget(BudgetShare(1200, 0.75)), budget_key(token)
    paced = [budget.take(key, Priority.BACKGROUND) for _ in range(16)]
    teachers = [budget.take(key, Priority.INTERACTIVE) for _ in range(20)]

    assert paced[:15] == [0.0] * 15
    assert 0 < paced[15] <= 1.0  # the sixteenth waits for the next second, not the next minute
    assert teachers == [0.0] * 20
    shared_budget.pass_time(paced[15])
    assert budget.take(key, Priority.BACKGROUND) == 0.0


def test_a_small_share_still_moves_one_request_a_second() -> None:
    budget, key = InProcessCleverBudget(BudgetShare(10, 0.5)), budget_key("small")
    assert budget.take(key, Priority.BACKGROUND) == 0.0
    assert 0 < budget.take(key, Priority.BACKGROUND) <= 1.0
    assert budget.take(key, Priority.INTERACTIVE) == 0.0


def test_while_a_teacher_waits_for_the_budget_background_work_waits_longer(
    shared_budget: SharedStore, token: str
) -> None:
    daily_job, teacher = client(shared_budget()), client(shared_budget())
    with respx.mock(assert_all_called=False) as clever:
        clever.get(url__startswith=USERS).mock(return_value=httpx.Response(200, json={}))
        with background_priority():
            daily_job.get(f"{USERS}/1", bearer=token)
        teacher.get(f"{USERS}/2", bearer=token)
        teacher.get(f"{USERS}/3", bearer=token)  # the token's budget is spent
        with pytest.raises(Waited) as teacher_waits:
            teacher.get(f"{USERS}/4", bearer=token)
        with background_priority(), pytest.raises(Waited) as job_waits:
            daily_job.get(f"{USERS}/5", bearer=token)

    # The room that frees up first is the waiting teacher's; the job asks after their turn.
    assert job_waits.value.args[0] >= teacher_waits.value.args[0] + 0.5


def test_neither_store_holds_the_token(shared_budget: SharedStore, token: str) -> None:
    budget = shared_budget()
    assert budget.take(budget_key(token), Priority.INTERACTIVE) == 0
    budget.pause(budget_key(token), time.time() + 1)
    if isinstance(budget, SqlAlchemyCleverBudget):
        with budget.engine.connect() as conn:
            stored = [
                str(tuple(row))
                for table in (clever_budget_windows, clever_budget_pauses)
                for row in conn.execute(select(table))
            ]
    else:
        stored = [key.decode() for key in redis.Redis.from_url(REDIS_URL).scan_iter()]
    assert any(budget_key(token) in entry for entry in stored)
    assert not any(token in entry for entry in stored)


def test_a_429_pauses_every_client_of_the_token(
    shared_budget: SharedStore, fresh_sandbox: RunningSandbox
) -> None:
    sandbox = fresh_sandbox.sandbox
    token = sandbox.district_token()  # every sandbox's: its budget is forgotten after the test
    shared_budget.tokens.append(token)
    url = f"{fresh_sandbox.url}/v3.1/districts"
    waits: list[float] = []

    def really_sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    first, second = client(shared_budget()), client(shared_budget(), sleep=really_sleep)
    sandbox.faults.rate_limit_burst(1)  # Clever answers the next request 429, Retry-After 1 s

    with pytest.raises(CleverRateLimited):
        first.get(url, bearer=token)
    answer = second.get(url, bearer=token)

    assert answer["data"]
    assert len(waits) == 1 and 0 < waits[0] <= 1.0  # the second client waited out the pause


def test_a_budget_store_that_is_down_never_stops_a_sync(
    token: str, caplog: pytest.LogCaptureFixture
) -> None:
    sleeps: list[float] = []
    unreachable = RedisCleverBudget("redis://127.0.0.1:9/0")  # nothing listens on port 9
    http = client(unreachable, sleep=sleeps.append)
    with respx.mock(assert_all_called=False) as clever:
        clever.get(url__startswith=USERS).mock(
            side_effect=[
                httpx.Response(429, headers={"Retry-After": "2"}),
                httpx.Response(200, json={}),
            ]
        )
        http.retry = RetryPolicy(attempts=2, sleep=sleeps.append)
        assert http.get(f"{USERS}/1", bearer=token) == {}

    assert sleeps == [2.0]  # the pause could not be shared, so this client waited alone
    assert "budget store unavailable" in caplog.text
    assert token not in caplog.text
