"""Accounts and what they may do: sign-in (sessions, OAuth states and codes), Premium
licences, and the audit of who saw demographics."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from adapters.sqlalchemy.tables.common import ID, metadata, one_of
from adapters.sqlalchemy.types import JsonDocument, UTCDateTime

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("email", String(254), unique=True),
    Column("password_hash", String(255)),
    Column("clever_id", ID, unique=True),
    Column("district_id", ID),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(one_of("role", ("teacher", "student")), name="role"),
    # Never reuse an id on SQLite: a forgotten account's old session must not name a newcomer.
    sqlite_autoincrement=True,
)

# Signed-in sessions: the browser's cookie holds only the random id, stored here as a digest
# (a copy of this table signs nobody in). Deleting a row ends that session everywhere.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_digest", String(64), primary_key=True),
    Column("account_id", Integer, index=True),
    Column("data", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

oauth_states = Table(
    "oauth_states",
    metadata,
    Column("state", String(255), primary_key=True),
    Column("data", JsonDocument, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
    # The browser that started the sign-in (an opaque id from its session) and a digest of
    # the address it came from: a state is given back only to its browser, and one address
    # keeps a bounded number of them.
    Column("browser", String(64), nullable=False),
    Column("client", String(64), nullable=False),
    Index("ix_oauth_states_client_expires_at", "client", "expires_at"),
)

oauth_codes = Table(
    "oauth_codes",
    metadata,
    Column("digest", String(128), primary_key=True),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

premium_licenses = Table(
    "premium_licenses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope", String(16), nullable=False),
    Column("clever_id", ID, nullable=False, index=True),
    Column("expires_on", Date),
    CheckConstraint(one_of("scope", ("district", "school", "teacher")), name="scope"),
)

demographics_audit = Table(
    "demographics_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("viewer_account_id", ForeignKey("accounts.id"), nullable=False),
    Column("student_id", ID, nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False, index=True),  # retention deletes by age
)
