from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, String, Text, select

from adapters.sqlalchemy.tables import metadata
from adapters.sqlalchemy.tokens import SqlAlchemyCleverTokenStore, TokenKeyError

USER_TOKEN = "clever-user-token-1234567890abcdef"
DISTRICT_TOKEN = "clever-district-token-fedcba0987654321"


def _every_stored_value(engine: Engine) -> list[str]:
    """Every value of every column of every table, as text (what a dump would show)."""
    values = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)):
                values.extend(str(v) for v in row)
    return values


def _text_columns(engine: Engine) -> list[str]:
    values = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, String | Text):
                    values.extend(str(v) for v in conn.execute(select(column)).scalars())
    return values


def test_the_database_never_holds_a_plaintext_token(engine: Engine) -> None:
    store = SqlAlchemyCleverTokenStore(engine, Fernet.generate_key().decode())
    store.save_user_token("t1", USER_TOKEN)
    store.save_district_token("d1", DISTRICT_TOKEN)

    stored = _every_stored_value(engine) + _text_columns(engine)

    assert len(stored) >= 4  # the scan saw the token rows
    for secret in (USER_TOKEN, DISTRICT_TOKEN):
        assert not any(secret in value for value in stored)
    assert store.user_token("t1") == USER_TOKEN


def test_rotating_the_key_keeps_old_tokens_readable(engine: Engine) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    SqlAlchemyCleverTokenStore(engine, old_key).save_district_token("d1", DISTRICT_TOKEN)

    rotated = SqlAlchemyCleverTokenStore(engine, f"{new_key},{old_key}")
    assert rotated.district_tokens() == {"d1": DISTRICT_TOKEN}
    rotated.save_user_token("t1", USER_TOKEN)
    assert rotated.reencrypt_all() == 2

    only_new = SqlAlchemyCleverTokenStore(engine, new_key)
    assert only_new.district_tokens() == {"d1": DISTRICT_TOKEN}
    assert only_new.user_token("t1") == USER_TOKEN


def test_a_token_no_key_can_read_is_a_clear_error(engine: Engine) -> None:
    SqlAlchemyCleverTokenStore(engine, Fernet.generate_key().decode()).save_user_token(
        "t1", USER_TOKEN
    )

    stranger = SqlAlchemyCleverTokenStore(engine, Fernet.generate_key().decode())

    with pytest.raises(TokenKeyError, match="ROSTERSYNC_TOKEN_KEY"):
        stranger.user_token("t1")


@pytest.mark.parametrize("bad_key", ["", " , ", "not-a-fernet-key"])
def test_a_malformed_token_key_is_refused(engine: Engine, bad_key: str) -> None:
    with pytest.raises(TokenKeyError):
        SqlAlchemyCleverTokenStore(engine, bad_key)
