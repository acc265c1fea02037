"""What the service keeps of Clever: district-app tokens (encrypted) and the shared request budget."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Float,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from adapters.sqlalchemy.tables.common import ID, metadata, one_of
from adapters.sqlalchemy.types import UTCDateTime

clever_tokens = Table(
    "clever_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("owner_id", ID, nullable=False),
    Column("encrypted_token", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("kind", "owner_id"),
    CheckConstraint(one_of("kind", ("user", "district")), name="kind"),
)

# Per Clever token (a hash of it, never the token): requests counted in short fixed windows,
# shared by every process that reads Clever with that token.
clever_budget_windows = Table(
    "clever_budget_windows",
    metadata,
    Column("budget_key", String(64), primary_key=True),
    Column("window_start", BigInteger, primary_key=True, autoincrement=False),
    Column("requests", Integer, nullable=False),
    Column("background_requests", Integer, nullable=False),
)

# Per Clever token: Clever answered 429, so no process asks before this epoch second.
clever_budget_pauses = Table(
    "clever_budget_pauses",
    metadata,
    Column("budget_key", String(64), primary_key=True),
    Column("resume_at", Float, nullable=False),
)
