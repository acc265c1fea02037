"""After real Clever sign-ins and syncs through the app, a dump of the database (SQLite's files
and `.dump`, Postgres's `pg_dump`) holds every token only encrypted, and no key at all."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from adapters.sqlalchemy.tables import clever_tokens
from clever_sandbox.server import RunningSandbox
from tests.reliability.dumps import dump
from tests.reliability.live_app import LiveProduct, school_of, sign_in_everyone
from tests.reliability.secrets import IssuedByClever, credentials


def test_a_database_dump_holds_no_plaintext_token(
    database_url: str, clever: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = IssuedByClever.record(clever.sandbox.auth, monkeypatch)
    live = LiveProduct.start(database_url, clever, env="production")
    try:
        sign_in_everyone(live, school_of(clever))
        stored = live.deployment.services.extras["token_store"]
        assert len(issued.tokens) == 4
        assert stored.district_tokens(), "the district token was not stored"
        kinds = token_kinds(live)
        secrets = credentials(clever, issued)
        teacher_name = live.deployment.roster().teachers[school_ids(live)[0]][1]

        content = dump(database_url)
    finally:
        live.close()

    assert kinds == {"district"}, "people's own Clever tokens are never kept"
    assert teacher_name.encode() in content, "the dump should hold the roster"
    found = sorted(s for s in secrets if s.encode() in content)
    assert not found, f"{len(found)} secrets in plain text"


def school_ids(live: LiveProduct) -> list[str]:
    school = live.school
    assert school is not None
    return [school.teacher, school.other_teacher, school.student, school.other_student]


def token_kinds(live: LiveProduct) -> set[str]:
    engine = live.deployment.services.extras["engine"]
    with engine.connect() as conn:
        return set(conn.execute(select(clever_tokens.c.kind)).scalars())
