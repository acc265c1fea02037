"""`rostersync rotate-token-key` moves every stored Clever token to the newest key, so the old
key can be removed; a key that cannot read a token is refused and nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet
from sqlalchemy import Engine

from adapters.cli.main import cli
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.migrate import migrate
from adapters.sqlalchemy.tokens import SqlAlchemyCleverTokenStore

DISTRICT_TOKEN = "clever-district-token-fedcba0987654321"
OTHER_TOKEN = "clever-district-token-1234567890abcdef"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Engine]:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    engine = make_engine(url)
    migrate(engine)
    return url, engine


def rotate(url: str, token_key: str) -> tuple[int, str]:
    env = {
        "ROSTERSYNC_DATABASE_URL": url,
        "ROSTERSYNC_TOKEN_KEY": token_key,
        "ROSTERSYNC_CELERY_BROKER_URL": "",
    }
    result = CliRunner().invoke(cli, ["rotate-token-key"], env=env)
    return result.exit_code, result.output


def test_after_rotating_only_the_new_key_is_needed(database: tuple[str, Engine]) -> None:
    url, engine = database
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    stored = SqlAlchemyCleverTokenStore(engine, old)
    stored.save_district_token("d1", DISTRICT_TOKEN)
    stored.save_district_token("d2", OTHER_TOKEN)

    status, output = rotate(url, f"{new},{old}")

    assert status == 0, output
    assert "2 stored Clever tokens" in output
    only_new = SqlAlchemyCleverTokenStore(engine, new)
    assert only_new.district_tokens() == {"d1": DISTRICT_TOKEN, "d2": OTHER_TOKEN}
    assert DISTRICT_TOKEN not in output and new not in output and old not in output


def test_a_key_that_cannot_read_the_tokens_changes_nothing(database: tuple[str, Engine]) -> None:
    url, engine = database
    old, stranger = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    SqlAlchemyCleverTokenStore(engine, old).save_district_token("d1", DISTRICT_TOKEN)
    SqlAlchemyCleverTokenStore(engine, stranger).save_district_token("d2", OTHER_TOKEN)

    status, output = rotate(url, stranger)

    assert status == 1
    assert "ROSTERSYNC_TOKEN_KEY" in output and "no token was changed" in output
    assert "Traceback" not in output
    both = SqlAlchemyCleverTokenStore(engine, f"{old},{stranger}")
    assert both.district_tokens() == {"d1": DISTRICT_TOKEN, "d2": OTHER_TOKEN}


def test_a_malformed_key_is_a_one_line_error(database: tuple[str, Engine]) -> None:
    status, output = rotate(database[0], "not-a-fernet-key")

    assert status == 1
    assert "Traceback" not in output
    assert "Fernet" in output
