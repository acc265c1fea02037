"""Student data: demographics audit rows a school day writes, with the Manage Classes page's
queries as they were (demographics in every roster load) and as they are (demographics fetched
when a teacher opens a class's "Demographics" section); and the retention job on a district
with a year of history.

    .venv/bin/python -m bench.student_data [--students 2000] [--database-url URL]

A sandboxed Clever district is synced teacher by teacher into a fresh database (a temporary
SQLite file, or the empty database ``--database-url`` names), then the web app is driven in
process with the page's own GraphQL documents (read from static/js/queries.js). The audit
window is 0: a teacher's page loads spread over a day are further apart than its 60 seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUERIES_JS = ROOT / "src/graphql_api/static/js/queries.js"
ROSTER = "students { id name gradeLevel joined }"
DEMOGRAPHICS = "demographics { ellStatus hispanicEthnicity iepStatus frlStatus race gender }"
LOADS_PER_TEACHER, OPENING_SHARE, PASSWORD = 5, 10, "bench password 1234"
SCHOOL_DAYS, DEPARTED_SHARE = 180, 10


def page_queries() -> dict[str, str]:
    """The page's GraphQL documents, ``${NAME}`` pieces filled in."""
    text = QUERIES_JS.read_text()
    found = dict(re.findall(r"const (\w+) = `(.*?)`;", text, re.S))
    found.update(re.findall(r'const (\w+) = "(.*?)";', text))

    def expand(query: str) -> str:
        return re.sub(r"\$\{(\w+)\}", lambda m: expand(found[m.group(1)]), query)

    queries = {name: expand(query) for name, query in found.items()}
    assert ROSTER in queries["TEACHER_CLASSES"], "the page's roster query changed shape"
    # Before: the same page query with every student's demographics in it.
    queries["BEFORE"] = queries["TEACHER_CLASSES"].replace(
        ROSTER, ROSTER[:-1] + DEMOGRAPHICS + " }"
    )
    return queries


@contextmanager
def environment(database_url: str, clever_url: str) -> Iterator[None]:
    os.environ.update(
        ROSTERSYNC_DATABASE_URL=database_url,
        ROSTERSYNC_CLEVER_API_URL=clever_url,
        ROSTERSYNC_CLEVER_OAUTH_URL=clever_url,
        ROSTERSYNC_CLEVER_CLIENT_ID="sandbox-client-id",
        ROSTERSYNC_CLEVER_CLIENT_SECRET="sandbox-client-secret",
        ROSTERSYNC_CELERY_BROKER_URL="",
        ROSTERSYNC_DEMOGRAPHICS_AUDIT_WINDOW_SECONDS="0",
    )
    yield


def roster(services: Any, sandbox: Any) -> list[str]:
    """Every teacher synced once (manual: that starts rostering) and given a password account."""
    from application.accounts import SignUpCommand
    from application.ports import CleverLogin
    from application.premium_grants import GrantPremiumCommand
    from application.sync_teacher import SyncTeacherCommand
    from domain.accounts import Role
    from domain.licensing import LicenseScope

    district = sandbox.districts[0]
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district))
    emails = []
    for record in sandbox.teachers():
        teacher_id = record["id"]
        services.sync_teacher(SyncTeacherCommand(teacher_id))
        email = f"{teacher_id}@bench.example.org"
        account = services.sign_up(SignUpCommand(email, PASSWORD, "Bench Teacher", Role.TEACHER))
        services.link_account(account.id, CleverLogin(teacher_id, district, "teacher", "T"))
        emails.append(email)
    return emails


def audit_rows(engine: Any) -> int:
    from sqlalchemy import func, select

    from adapters.sqlalchemy.tables import demographics_audit

    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(demographics_audit)).scalar_one())


def school_day(
    client: Any, emails: list[str], queries: dict[str, str], engine: Any
) -> dict[str, int]:
    def ask(query: str, variables: dict[str, str] | None = None) -> dict[str, Any]:
        body = client.post("/graphql", json={"query": query, "variables": variables or {}}).json()
        assert "errors" not in body, body
        return body["data"]  # type: ignore[no-any-return]

    def day(roster_query: str, opening: bool) -> int:
        start = audit_rows(engine)
        for index, email in enumerate(emails):
            client.post("/auth/login", data={"email": email, "password": PASSWORD})
            for _ in range(LOADS_PER_TEACHER):
                classes = ask(roster_query)["viewer"]["classes"]
            live = [c for c in classes if not c["archived"] and c["students"]]
            if opening and index % OPENING_SHARE == 0 and live:
                ask(queries["CLASS_DEMOGRAPHICS"], {"id": live[0]["id"]})
        return audit_rows(engine) - start

    return {"before": day(queries["BEFORE"], False), "after": day(queries["TEACHER_CLASSES"], True)}


def year_of_history(engine: Any, audit_per_day: int, now: datetime) -> dict[str, int]:
    """A daily scheduled run per teacher for a year; a school year of audit entries at today's
    rate; a tenth of the students gone from every class 400 days ago."""
    from sqlalchemy import insert, select, text, update

    from adapters.sqlalchemy.tables import (
        accounts,
        demographics_audit,
        enrollments,
        students,
        sync_runs,
        teachers,
    )

    with engine.begin() as conn:
        staff = [(r.clever_id, r.district_id) for r in conn.execute(select(teachers))]
        viewer = conn.execute(select(accounts.c.id).limit(1)).scalar_one()
        pupils = list(
            conn.execute(select(students.c.clever_id).order_by(students.c.clever_id)).scalars()
        )
        days = [now - timedelta(days=d, hours=21) for d in range(365, 0, -1)]
        runs = [
            {
                "teacher_id": t,
                "district_id": d,
                "trigger": "scheduled",
                "status": "succeeded",
                "started_at": at,
                "finished_at": at,
                "problems": [],
            }
            for at in days
            for t, d in staff
        ]
        for start in range(0, len(runs), 5_000):
            conn.execute(insert(sync_runs), runs[start : start + 5_000])
        school_days = [at for at in days if at.weekday() < 5][-SCHOOL_DAYS:]
        entries = [
            {"viewer_account_id": viewer, "student_id": pupils[(i * 7919) % len(pupils)], "at": at}
            for at in school_days
            for i in range(audit_per_day)
        ]
        for start in range(0, len(entries), 5_000):
            conn.execute(insert(demographics_audit), entries[start : start + 5_000])
        gone = pupils[::DEPARTED_SHARE]
        conn.execute(
            update(enrollments)
            .where(enrollments.c.student_id.in_(gone))
            .values(active=False, dropped_at=now - timedelta(days=400))
        )
    if engine.dialect.name == "postgresql":  # a year's growth would have been analyzed
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    return {"sync_runs": len(runs), "audit_entries": len(entries), "students_gone": len(gone)}


class TimedUnitOfWork:
    """Each retention batch is one unit of work: its longest is the longest lock held."""

    def __init__(self, factory: Any) -> None:
        self.factory, self.seconds = factory, list[float]()

    @contextmanager
    def _timed(self) -> Iterator[Any]:
        started = time.perf_counter()
        with self.factory() as uow:
            yield uow
        self.seconds.append(time.perf_counter() - started)

    def __call__(self) -> Any:
        return self._timed()


def retention(services: Any) -> dict[str, Any]:
    from application.retention import ApplyRetention, RetentionCommand

    timed = TimedUnitOfWork(services.uow)
    apply = ApplyRetention(timed, services.clock, services.settings.retention_policy)
    started = time.perf_counter()
    dry = apply(RetentionCommand(dry_run=True))
    counted = time.perf_counter()
    timed.seconds.clear()
    done = apply(RetentionCommand())
    finished = time.perf_counter()
    assert (dry.departed_students, dry.sync_runs) == (done.departed_students, done.sync_runs)
    return {
        "dry_run_seconds": round(counted - started, 3),
        "run_seconds": round(finished - counted, 3),
        "transactions": len(timed.seconds),
        "longest_transactions_ms": [round(s * 1000, 1) for s in sorted(timed.seconds)[-3:]],
        "departed_students": done.departed_students,
        "audit_entries": done.audit_entries,
        "sync_runs": done.sync_runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument(
        "--database-url", help="an empty database (default: a temporary SQLite file)"
    )
    args = parser.parse_args()
    from starlette.testclient import TestClient

    import bootstrap
    from adapters.settings import Settings
    from clever_sandbox.server import serve_in_thread
    from clever_sandbox.state import Sandbox

    with (
        tempfile.TemporaryDirectory() as tmp,
        serve_in_thread(Sandbox(seed=1, students=args.students)) as clever,
    ):
        os.chdir(tmp)  # development keys land here
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        with environment(url, clever.url):
            settings = Settings()
            bootstrap.migrate(settings)
            services = bootstrap.build(settings)
            engine = services.extras["engine"]
            emails = roster(services, clever.sandbox)
            with TestClient(bootstrap.asgi_app()) as client:
                day = school_day(client, emails, page_queries(), engine)
            history = year_of_history(engine, day["after"], services.clock.now())
            result = {
                "database": engine.dialect.name,
                "students": args.students,
                "teachers": len(emails),
                "audit_rows_per_school_day": day,
                "history": history,
                "retention": retention(services),
            }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
