"""SQLAlchemy 2 persistence: Core tables, repositories, unit of work, reader, lock and stores.

Import the public names from the submodules: ``engine.make_engine``, ``migrate.migrate``,
``unit_of_work.SqlAlchemyUnitOfWorkFactory``, ``reader.SqlAlchemyRosterReader``,
``lock.SqlAlchemySyncLock``, ``oauth_states.SqlAlchemyOAuthStateStore`` and
``tokens.SqlAlchemyCleverTokenStore``.
"""
