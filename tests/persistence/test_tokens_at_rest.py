from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, String, Text, select

from adapters.sqlalchemy.tables import clever_tokens, metadata
from adapters.sqlalchemy.tokens import SqlAlchemyCleverTokenStore, TokenKeyError

OTHER_TOKEN = "clever-district-token-1234567890abcdef"
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
    store.save_district_token("d2", OTHER_TOKEN)
    store.save_district_token("d1", DISTRICT_TOKEN)

    stored = _every_stored_value(engine) + _text_columns(engine)

    assert len(stored) >= 4  # the scan saw the token rows
    for secret in (OTHER_TOKEN, DISTRICT_TOKEN):
        assert not any(secret in value for value in stored)
    assert store.district_tokens() == {"d1": DISTRICT_TOKEN, "d2": OTHER_TOKEN}


def test_rotating_the_key_keeps_old_tokens_readable(engine: Engine) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    SqlAlchemyCleverTokenStore(engine, old_key).save_district_token("d1", DISTRICT_TOKEN)

    rotated = SqlAlchemyCleverTokenStore(engine, f"{new_key},{old_key}")
    assert rotated.district_tokens() == {"d1": DISTRICT_TOKEN}
    rotated.save_district_token("d2", OTHER_TOKEN)
    assert rotated.reencrypt_all() == 2

    only_new = SqlAlchemyCleverTokenStore(engine, new_key)
    assert only_new.district_tokens() == {"d1": DISTRICT_TOKEN, "d2": OTHER_TOKEN}


def test_a_token_no_key_can_read_is_a_clear_error(engine: Engine) -> None:
    SqlAlchemyCleverTokenStore(engine, Fernet.generate_key().decode()).save_district_token(
        "d1", DISTRICT_TOKEN
    )

    stranger = SqlAlchemyCleverTokenStore(engine, Fernet.generate_key().decode())

    with pytest.raises(TokenKeyError, match="ROSTERSYNC_TOKEN_KEY"):
        stranger.district_tokens()


@pytest.mark.parametrize("bad_key", ["", " , ", "not-a-fernet-key"])
def test_a_malformed_token_key_is_refused(engine: Engine, bad_key: str) -> None:
    with pytest.raises(TokenKeyError):
        SqlAlchemyCleverTokenStore(engine, bad_key)


def _token_rows(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(select(clever_tokens).order_by("id"))]


def test_an_unchanged_district_token_is_never_rewritten(engine: Engine) -> None:
    key = Fernet.generate_key().decode()
    SqlAlchemyCleverTokenStore(engine, key).save_district_token("d1", DISTRICT_TOKEN)
    before = _token_rows(engine)

    # Another process (a CLI run, a worker) reads Clever's list and sees the same token.
    SqlAlchemyCleverTokenStore(engine, key).save_district_token("d1", DISTRICT_TOKEN)
    assert _token_rows(engine) == before

    SqlAlchemyCleverTokenStore(engine, key).save_district_token("d1", OTHER_TOKEN)
    after = _token_rows(engine)
    assert after[0][3] != before[0][3]
    assert SqlAlchemyCleverTokenStore(engine, key).district_tokens() == {"d1": OTHER_TOKEN}


def test_a_token_kept_under_a_retired_key_is_replaced(engine: Engine) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    SqlAlchemyCleverTokenStore(engine, old).save_district_token("d1", DISTRICT_TOKEN)

    SqlAlchemyCleverTokenStore(engine, new).save_district_token("d1", DISTRICT_TOKEN)

    assert SqlAlchemyCleverTokenStore(engine, new).district_tokens() == {"d1": DISTRICT_TOKEN}
