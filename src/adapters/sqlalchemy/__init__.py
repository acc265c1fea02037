"""SQLAlchemy 2 persistence: Core tables, repositories, unit of work, reader, lock and stores.

Public names, by module:

- ``engine.make_engine(url, *, pool_size=5, statement_timeout_ms=None)``: SQLite file or Postgres.
- ``migrate.migrate(engine_or_url, revision="head")``; ``migrate.downgrade(engine, revision)``.
- ``unit_of_work.SqlAlchemyUnitOfWorkFactory(engine)``: the UnitOfWorkFactory port.
- ``reader.SqlAlchemyRosterReader(engine)``: the RosterReader port.
- ``web_sessions.SqlAlchemySessionStore(engine, clock, lifetime)``: starsessions' SessionStore
  for the web app's server-side sessions, and the SessionRevoker port.
- ``lock.SqlAlchemySyncLock(engine, lease=timedelta(hours=1))``: the SyncLock port.
- ``oauth_states.SqlAlchemyOAuthStateStore(engine, now=...)``: the OAuthStateStore port.
- ``tokens.SqlAlchemyCleverTokenStore(engine, token_key)``: the CleverTokenStore port;
  ``token_key`` is ``ROSTERSYNC_TOKEN_KEY``, Fernet keys comma-separated, newest first.
- ``tables.metadata``: every table, shared with the Alembic migrations in ``migrations/``.
"""
