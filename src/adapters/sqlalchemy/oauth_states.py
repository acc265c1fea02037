"""OAuth state and exchanged codes in SQL, shared by every web worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select

from adapters.clock import SystemClock
from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.tables import oauth_codes, oauth_states

_CLOCK = SystemClock()


class SqlAlchemyOAuthStateStore:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = _CLOCK.now) -> None:
        self.engine = engine
        self.now = now

    def put(
        self,
        state: str,
        data: dict[str, str],
        ttl_seconds: int,
        *,
        browser: str,
        client: str,
        client_limit: int,
    ) -> None:
        now = self.now()
        newest = (
            select(oauth_states.c.state)
            .where(oauth_states.c.client == client)
            .order_by(oauth_states.c.expires_at.desc(), oauth_states.c.state)
            .limit(client_limit)
        )
        with self.engine.begin() as conn:
            conn.execute(delete(oauth_states).where(oauth_states.c.expires_at < now))
            conn.execute(
                insert(oauth_states).values(
                    state=state,
                    data=dict(data),
                    expires_at=now + timedelta(seconds=ttl_seconds),
                    browser=browser,
                    client=client,
                )
            )
            conn.execute(
                delete(oauth_states).where(
                    oauth_states.c.client == client, oauth_states.c.state.not_in(newest)
                )
            )

    def take(self, state: str, browser: str) -> dict[str, str] | None:
        """Deleting and reading in one statement makes a state usable exactly once, and only
        by the browser that started it."""
        with self.engine.begin() as conn:
            row = conn.execute(
                delete(oauth_states)
                .where(oauth_states.c.state == state, oauth_states.c.browser == browser)
                .returning(oauth_states.c.data, oauth_states.c.expires_at)
            ).first()
        if row is None or row.expires_at < self.now():
            return None
        return {str(k): str(v) for k, v in row.data.items()}

    def first_use_of_code(self, code_digest: str, ttl_seconds: int) -> bool:
        now = self.now()
        until = now + timedelta(seconds=ttl_seconds)
        record = (
            dialect_insert(self.engine, oauth_codes)
            .values(digest=code_digest, expires_at=until)
            .on_conflict_do_update(
                index_elements=["digest"],
                set_={"expires_at": until},
                where=oauth_codes.c.expires_at < now,  # a long-expired digest counts as new
            )
            .returning(oauth_codes.c.digest)
        )
        with self.engine.begin() as conn:
            conn.execute(
                delete(oauth_codes).where(oauth_codes.c.expires_at < now - timedelta(days=1))
            )
            return conn.execute(record).first() is not None
