"""The rows ``bench.persistence`` writes, and how it loads, empties and counts the tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, Table, delete, func, insert, select, text

from adapters.sqlalchemy.tables import accounts, sync_runs

AT = datetime(2026, 9, 1, 7, 30, tzinfo=UTC)
SEATS_PER_CLASS = 25


def student(i: int) -> dict[str, Any]:
    return {
        "clever_id": f"s{i:07d}",
        "district_id": "d0",
        "name": f"Student {i}",
        "email": f"s{i}@school.example",
        "grade": str(i % 12 + 1),
        "ell_status": i % 7 == 0,
        "hispanic_ethnicity": i % 3 == 0,
        "iep_status": i % 11 == 0,
        "frl_status": "Free" if i % 4 == 0 else None,
        "race": ("Asian", "White", "Black or African American")[i % 3],
        "gender": "F" if i % 2 else "M",
        "account_id": None,
    }


def teacher(i: int) -> dict[str, Any]:
    return {
        "clever_id": f"t{i:07d}",
        "district_id": "d0",
        "name": f"Teacher {i}",
        "email": f"t{i}@school.example",
        "school_ids": [f"sch{i % 20}", f"sch{i % 7}"],
        "account_id": None,
        "rostering_started": i % 2 == 0,
    }


def klass(i: int) -> dict[str, Any]:
    return {
        "section_id": f"c{i:07d}",
        "district_id": "d0",
        "school_id": f"sch{i % 20}",
        "clever_name": f"Class {i}",
        "custom_name": None,
        "subject": "math",
        "period": str(i % 8),
        "grade": str(i % 12 + 1),
        "owner_id": f"t{i:07d}",
        "archived": False,
        "term_id": "term26",
        "term_name": "2026-27",
        "term_start_date": date(2026, 8, 20),
        "term_end_date": date(2027, 6, 10),
        "kept_after_term": False,
        "archived_reason": None,
        "last_synced_at": AT,
    }


def seat(k: int) -> tuple[str, str]:
    """The k-th enrollment: classes of ``SEATS_PER_CLASS``, each student in one."""
    return (f"c{k // SEATS_PER_CLASS:07d}", f"s{k:07d}")


def membership(k: int) -> tuple[str, str]:
    return (f"c{k // 2:07d}", f"t{k:07d}")


def execute(engine: Engine, *statements: Any, vacuum: str | None = None) -> None:
    with engine.begin() as conn:
        for stmt in statements:
            conn.execute(stmt)
    if vacuum and engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f"VACUUM {vacuum}"))


def empty(engine: Engine, table: Table) -> None:
    """No rows, and on Postgres no dead ones nor a moved identity."""
    if engine.dialect.name == "postgresql":
        execute(engine, text(f"TRUNCATE {table.name} RESTART IDENTITY CASCADE"))
    else:
        execute(engine, delete(table))


def load(engine: Engine, table: Table, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as conn:
        if rows:
            conn.execute(insert(table), rows)


def held(engine: Engine, table: Table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def base_rows(engine: Engine) -> None:
    """The account that reads demographics and the sync run that writes the history."""
    with engine.begin() as conn:
        conn.execute(insert(accounts).values(id=1, role="teacher", name="T", created_at=AT))
        conn.execute(
            insert(sync_runs).values(
                id=1,
                teacher_id="t0000000",
                district_id="d0",
                trigger="scheduled",
                status="succeeded",
                started_at=AT,
                problems=[],
            )
        )
