"""Postgres going away under the product: a connection killed by the server mid-transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, text

TERMINATE = text("SELECT pg_terminate_backend(:pid, 5000)")
EVERY_OTHER_CONNECTION = text(
    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


@dataclass
class KillBefore:
    """From another connection, terminate the backend that is about to run the ``nth``
    statement starting with ``prefix`` (``COMMIT`` for the commit itself)."""

    engine: Engine
    prefix: str
    nth: int = 1
    seen: int = 0
    fired: bool = False

    def __post_init__(self) -> None:
        self.admin = create_engine(self.engine.url, pool_size=1)
        if self.prefix == "COMMIT":
            event.listen(self.engine, "commit", self._on_commit)
        else:
            event.listen(self.engine, "before_cursor_execute", self._on_statement)

    def remove(self) -> None:
        if self.prefix == "COMMIT":
            event.remove(self.engine, "commit", self._on_commit)
        else:
            event.remove(self.engine, "before_cursor_execute", self._on_statement)
        self.admin.dispose()

    def _on_statement(self, conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith(self.prefix.upper()):
            self._maybe_kill(conn)

    def _on_commit(self, conn: Any) -> None:
        self._maybe_kill(conn)

    def _maybe_kill(self, conn: Any) -> None:
        self.seen += 1
        if self.fired or self.seen != self.nth:
            return
        pid = conn.connection.dbapi_connection.info.backend_pid
        with self.admin.connect() as admin:
            assert admin.execute(TERMINATE, {"pid": pid}).scalar() is True
            admin.commit()
        self.fired = True


def drop_every_connection(url: str) -> int:
    """What a server restart does to the product's pooled connections."""
    admin = create_engine(url, pool_size=1)
    try:
        with admin.connect() as conn:
            return len(conn.execute(EVERY_OTHER_CONNECTION).all())
    finally:
        admin.dispose()
