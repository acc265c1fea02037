"""Clever access tokens, encrypted at rest with MultiFernet (first key encrypts, all decrypt)."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Engine, select, update

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.tables import clever_tokens

DISTRICT = "district"


class TokenKeyError(ValueError):
    """The token key is malformed, or no configured key can read a stored token."""


def fernet_from(token_key: str) -> MultiFernet:
    """``ROSTERSYNC_TOKEN_KEY``: comma-separated Fernet keys, newest first."""
    keys = [k.strip() for k in token_key.split(",") if k.strip()]
    if not keys:
        raise TokenKeyError("the token key is empty: give one or more Fernet keys, comma-separated")
    try:
        return MultiFernet([Fernet(k) for k in keys])
    except ValueError as exc:
        raise TokenKeyError(
            "the token key must be 32-byte url-safe base64 Fernet keys, comma-separated"
        ) from exc


class SqlAlchemyCleverTokenStore:
    def __init__(self, engine: Engine, token_key: str) -> None:
        self.engine = engine
        self.fernet = fernet_from(token_key)

    def save_district_token(self, district_id: str, token: str) -> None:
        """Fernet ciphertexts differ every time, so the stored token is decrypted and
        compared: an unchanged token leaves its row (and the database) untouched."""
        if not token:
            raise ValueError("refusing to store an empty Clever token")
        kept = select(clever_tokens.c.encrypted_token).where(
            clever_tokens.c.kind == DISTRICT, clever_tokens.c.owner_id == district_id
        )
        with self.engine.connect() as conn:
            stored = conn.execute(kept).scalar_one_or_none()
        if stored is not None and self._readable(stored) == token:
            return
        self._save(DISTRICT, district_id, token)

    def district_tokens(self) -> dict[str, str]:
        query = select(clever_tokens.c.owner_id, clever_tokens.c.encrypted_token).where(
            clever_tokens.c.kind == DISTRICT
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(clever_tokens.c.owner_id)).all()
        return {row.owner_id: self._decrypt(row.encrypted_token) for row in rows}

    def reencrypt_all(self) -> int:
        """Re-encrypt every token with the first key, so older keys can then be retired."""
        with self.engine.begin() as conn:
            rows = conn.execute(select(clever_tokens.c.id, clever_tokens.c.encrypted_token)).all()
            for row in rows:
                try:
                    rotated = self.fernet.rotate(row.encrypted_token.encode()).decode()
                except InvalidToken as exc:
                    raise _unreadable() from exc
                conn.execute(
                    update(clever_tokens)
                    .where(clever_tokens.c.id == row.id)
                    .values(encrypted_token=rotated)
                )
        return len(rows)

    def _save(self, kind: str, owner_id: str, token: str) -> None:
        encrypted = self.fernet.encrypt(token.encode()).decode()
        now = datetime.now(UTC)
        stmt = dialect_insert(self.engine, clever_tokens).values(
            kind=kind, owner_id=owner_id, encrypted_token=encrypted, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["kind", "owner_id"],
            set_={"encrypted_token": encrypted, "updated_at": now},
        )
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def _readable(self, stored: str) -> str | None:
        try:
            return self.fernet.decrypt(stored.encode()).decode()
        except InvalidToken:
            return None  # written under a key no longer configured: replace it

    def _decrypt(self, stored: str) -> str:
        try:
            return self.fernet.decrypt(stored.encode()).decode()
        except InvalidToken as exc:
            raise _unreadable() from exc


def _unreadable() -> TokenKeyError:
    return TokenKeyError(
        "a stored Clever token cannot be decrypted with any key in ROSTERSYNC_TOKEN_KEY "
        "(was the key that encrypted it removed?)"
    )
