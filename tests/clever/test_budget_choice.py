"""Which store holds the Clever budget, which work counts as background, and bad settings."""

from __future__ import annotations

import httpx
import pytest
import respx
from pydantic import ValidationError

from adapters.celery.tasks import clever_priority_for
from adapters.clever import CleverHttp
from adapters.clever.budget import BudgetShare, Priority, background_priority, current_priority
from adapters.clever.paging import list_items
from adapters.clever_budgets import budget_store
from adapters.settings import Settings
from domain.sync_run import SyncTrigger
from tests.clever.conftest import API


@pytest.mark.parametrize(
    ("broker", "store", "expected"),
    [
        (None, "auto", "memory"),
        ("redis://cache:6379/0", "auto", "redis://cache:6379/0"),
        ("amqp://rabbit//", "auto", "database"),
        (None, "database", "database"),
        ("redis://cache:6379/0", "redis://limits:6379/2", "redis://limits:6379/2"),
    ],
)
def test_the_budget_lives_where_every_process_can_reach_it(
    broker: str | None, store: str, expected: str
) -> None:
    settings = Settings(celery_broker_url=broker, clever_budget_store=store)
    assert budget_store(settings) == expected


@pytest.mark.parametrize(
    "values",
    [
        {"clever_budget_store": "memcached://x"},
        {"clever_requests_per_minute": 0},
        {"clever_background_share": 0},
        {"clever_background_share": 1.5},
    ],
)
def test_bad_budget_settings_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Settings(**values)  # type: ignore[arg-type]


def test_background_work_gets_its_share_and_never_nothing() -> None:
    assert BudgetShare(1200, 0.75).allowed(Priority.BACKGROUND) == 900
    assert BudgetShare(1200, 0.75).allowed(Priority.INTERACTIVE) == 1200
    assert BudgetShare(1, 0.1).allowed(Priority.BACKGROUND) == 1


def test_background_work_spreads_its_share_over_the_minute() -> None:
    assert BudgetShare(1200, 0.75).background_per_second() == 15
    assert BudgetShare(1200, 0.5).background_per_second() == 10
    assert BudgetShare(10, 0.5).background_per_second() == 1  # a small share still moves


@pytest.mark.parametrize(
    ("trigger", "priority"),
    [
        (SyncTrigger.MANUAL, Priority.INTERACTIVE),
        (SyncTrigger.APPROVAL, Priority.INTERACTIVE),
        (SyncTrigger.SCHEDULED, Priority.BACKGROUND),
        (SyncTrigger.EVENTS, Priority.BACKGROUND),
    ],
)
def test_a_teacher_waiting_goes_ahead_of_scheduled_work(
    trigger: SyncTrigger, priority: Priority
) -> None:
    with clever_priority_for(trigger):
        assert current_priority() is priority
    assert current_priority() is Priority.INTERACTIVE


class RecordingBudget:
    def __init__(self) -> None:
        self.priorities: list[Priority] = []

    def take(self, key: str, priority: Priority) -> float:
        self.priorities.append(priority)
        return 0.0

    def pause(self, key: str, until: float) -> None:
        return None

    def paused_until(self, key: str) -> float:
        return 0.0


def test_every_page_of_a_background_read_spends_the_background_share() -> None:
    budget = RecordingBudget()
    http = CleverHttp(client=httpx.Client(), budget=budget)
    pages = [
        {
            "data": [{"data": {"id": str(n)}}],
            "links": [{"rel": "next", "uri": f"/v3.1/users?p={n + 1}"}],
        }
        for n in range(3)
    ] + [{"data": [], "links": []}]
    with respx.mock() as clever:
        clever.get(url__startswith=f"{API}/v3.1/users").mock(
            side_effect=[httpx.Response(200, json=page) for page in pages]
        )
        with background_priority():
            items = list(list_items(http, f"{API}/v3.1/users", "token", page_size=1))

    assert len(items) == 3
    assert budget.priorities == [Priority.BACKGROUND] * 4  # pages read ahead included
