"""Which store holds the Clever budget: Redis with a Redis broker, the database with another
broker, this process alone when tasks run in process (ROSTERSYNC_CLEVER_BUDGET_STORE overrides)."""

from __future__ import annotations

from sqlalchemy import Engine

from adapters.clever.budget import BudgetShare, CleverBudget
from adapters.clever.budget_limits import InProcessCleverBudget, RedisCleverBudget
from adapters.settings import Settings, is_redis_url
from adapters.sqlalchemy.clever_budget import SqlAlchemyCleverBudget


def budget_store(settings: Settings) -> str:
    """``memory``, ``database`` or a Redis URL."""
    if settings.clever_budget_store != "auto":
        return settings.clever_budget_store
    broker = settings.celery_broker_url
    if broker is None or broker.startswith("memory://"):
        return "memory"
    if is_redis_url(broker):
        return broker
    return "database"


def build_clever_budget(settings: Settings, engine: Engine) -> CleverBudget:
    share = BudgetShare(settings.clever_requests_per_minute, settings.clever_background_share)
    store = budget_store(settings)
    if store == "memory":
        return InProcessCleverBudget(share)
    if store == "database":
        return SqlAlchemyCleverBudget(engine, share)
    return RedisCleverBudget(store, share)
