"""The write floor: the rows a cold sync writes, bulk-loaded with COPY (Postgres) or
executemany (SQLite) into the same schema on the same server, with no logic in between."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from adapters.sqlalchemy.engine import make_engine
from bench.database import BenchDatabase
from bench.fetch import DistrictPages, Record

Row = tuple[Any, ...]
COLUMNS = {
    "teachers": ("clever_id", "district_id", "name", "email", "school_ids", "rostering_started"),
    "students": (
        *("clever_id", "district_id", "name", "email", "grade", "ell_status"),
        *("hispanic_ethnicity", "iep_status", "frl_status", "race", "gender"),
    ),
    "classes": (
        *("section_id", "district_id", "school_id", "clever_name", "subject", "period"),
        *("grade", "owner_id", "archived", "last_synced_at"),
    ),
    "class_teachers": ("section_id", "teacher_id"),
    "enrollments": ("section_id", "student_id", "active", "enrolled_at"),
    "roster_history": ("section_id", "student_id", "action", "at"),
}


def floor_rows(pages: DistrictPages) -> dict[str, list[Row]]:
    at = datetime.now(UTC)
    rows: dict[str, list[Row]] = {table: [] for table in COLUMNS}
    for t in pages.teachers:
        role = t["roles"]["teacher"]
        schools = json.dumps(role.get("schools") or [])
        rows["teachers"].append((t["id"], t["district"], _name(t), t.get("email"), schools, True))
    for s in pages.students:
        role = s["roles"]["student"]
        flags = tuple(
            _flag(role.get(k)) for k in ("ell_status", "hispanic_ethnicity", "iep_status")
        )
        texts = tuple(role.get(k) or None for k in ("frl_status", "race", "gender"))
        person = (s["id"], s["district"], _name(s), s.get("email"), role.get("grade") or None)
        rows["students"].append((*person, *flags, *texts))
    for c in pages.sections:
        teachers = list(dict.fromkeys([c["teacher"], *c.get("teachers", [])]))
        own = (c["id"], c["district"], c.get("school"), c["name"], c.get("subject") or None)
        rows["classes"].append(
            (*own, c.get("period") or None, c.get("grade") or None, teachers[0], False, at)
        )
        rows["class_teachers"].extend((c["id"], t) for t in teachers)
        rows["enrollments"].extend((c["id"], s, True, at) for s in c.get("students", []))
        rows["roster_history"].extend((c["id"], s, "added", at) for s in c.get("students", []))
    return rows


def load_floor(database: BenchDatabase, rows: dict[str, list[Row]]) -> float:
    """Seconds to load ``rows`` into the roster tables of ``database`` (an empty twin)."""
    engine = make_engine(database.url)
    raw = engine.raw_connection()
    try:
        started = time.perf_counter()
        if database.backend == "postgres":
            _copy(raw.driver_connection, rows)
        else:
            _executemany(raw.driver_connection, rows)
        raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()
        engine.dispose()


def _copy(conn: Any, rows: dict[str, list[Row]]) -> None:
    with conn.cursor() as cursor:
        for table, columns in COLUMNS.items():
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows[table]:
                    copy.write_row(row)


def _executemany(conn: Any, rows: dict[str, list[Row]]) -> None:
    conn.execute("BEGIN")
    for table, columns in COLUMNS.items():
        marks = ", ".join("?" for _ in columns)
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        conn.executemany(statement, _sqlite_values(rows[table]))


def _sqlite_values(rows: Iterable[Row]) -> Iterable[Row]:
    for row in rows:
        yield tuple(
            v.astimezone(UTC).replace(tzinfo=None).isoformat(" ") if isinstance(v, datetime) else v
            for v in row
        )


def _name(record: Record) -> str:
    name = record.get("name") or {}
    parts = (name.get("first"), name.get("middle"), name.get("last"))
    return " ".join(p for p in parts if p)


def _flag(value: object) -> bool | None:
    return {"Y": True, "N": False}.get(value) if isinstance(value, str) else None
