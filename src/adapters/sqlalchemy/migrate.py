"""Run the Alembic migrations from code: no alembic.ini, the scripts live in this package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from adapters.sqlalchemy.engine import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (the newest by default)."""
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    try:
        command.upgrade(alembic_config(engine), revision)
    finally:
        if isinstance(engine_or_url, str):
            engine.dispose()


def downgrade(engine: Engine, revision: str = "base") -> None:
    command.downgrade(alembic_config(engine), revision)
