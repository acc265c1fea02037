"""A pulled district kept in a private temporary SQLite file while its teachers are synced, so
the sync holds one batch of teachers' part of the district, never the whole of it.

Every record keeps its place in the pull (its position among the items Clever listed), so a
part reads back in the order of the whole. The file is SQLite's own temporary database: it
goes away when the connection closes, however the process ends.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Collection, Iterable, Mapping
from itertools import islice
from typing import Any

from application.ports import DistrictPart
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot
from domain.term import Term

CACHE_KIB = 16 * 1024
IDS_A_QUERY = 5_000
SCHEMA = (
    "CREATE TABLE sections (place INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data BLOB)",
    "CREATE TABLE taught (teacher_id TEXT, place INTEGER, PRIMARY KEY (teacher_id, place))"
    " WITHOUT ROWID",
    "CREATE TABLE people (place INTEGER PRIMARY KEY, id TEXT NOT NULL, listing TEXT NOT NULL,"
    " data BLOB, UNIQUE (id, listing))",
    "CREATE TABLE problems (place INTEGER PRIMARY KEY, clever_id TEXT NOT NULL,"
    " record_type TEXT, field TEXT, message TEXT, UNIQUE (record_type, clever_id, field, message))",
    "CREATE INDEX problems_by_id ON problems (clever_id)",
)
Placed = tuple[int, str, bytes]  # place, id, marshalled fields


class SpilledDistrict:
    """A PulledDistrict (application.ports) on disk. Written once, in place order, then read."""

    def __init__(self) -> None:
        # "" opens a private temporary database on disk, deleted when it closes.
        self.db = sqlite3.connect("", isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{CACHE_KIB}"):
            self.db.execute(f"PRAGMA {pragma}")
        for statement in SCHEMA:
            self.db.execute(statement)
        self.db.execute("BEGIN")
        self.complete = True
        self.terms: Mapping[str, Term] = {}

    # -- written by the pull ------------------------------------------------------------

    def add_sections(self, rows: list[tuple[int, CleverSection]]) -> list[int]:
        """Keeps the first section of each id; the places of those repeated are returned."""
        placed = [(place, s.id, marshal.dumps(_section_fields(s))) for place, s in rows]
        repeated = self._insert("sections", placed)
        kept = [(place, s) for place, s in rows if place not in repeated]
        self.db.executemany(
            "INSERT OR IGNORE INTO taught VALUES (?, ?)",
            [(t, place) for place, s in kept for t in dict.fromkeys(s.all_teacher_ids)],
        )
        return sorted(repeated)

    def add_people(self, listing: str, rows: list[tuple[int, CleverPerson]]) -> list[int]:
        """Keeps the first record of each id in this listing; an id an earlier listing gave
        keeps that one when read. The places of those repeated in the listing are returned."""
        placed = [(place, p.id, marshal.dumps(_person_fields(p))) for place, p in rows]
        return sorted(self._insert("people", placed, listing))

    def add_problems(self, rows: Iterable[tuple[int, Problem]]) -> None:
        """A problem already recorded keeps its first place."""
        self.db.executemany(
            "INSERT OR IGNORE INTO problems VALUES (?, ?, ?, ?, ?)",
            [(place, p.clever_id, p.record_type, p.field, p.message) for place, p in rows],
        )

    def done(self) -> None:
        self.db.execute("COMMIT")

    # -- read by the sync -----------------------------------------------------------------

    def part(self, teacher_ids: Collection[str], section_ids: Collection[str]) -> DistrictPart:
        places: set[int] = set()
        for sql, ids in (
            ("SELECT place FROM taught WHERE teacher_id IN ({})", teacher_ids),
            ("SELECT place FROM sections WHERE id IN ({})", section_ids),
        ):
            places.update(place for (place,) in self._select(sql, ids))
        sections = sorted(
            (place, CleverSection(*marshal.loads(data)))
            for place, data in self._select(
                "SELECT place, data FROM sections WHERE place IN ({})", places
            )
        )
        ids = {*teacher_ids, *section_ids}
        for _, section in sections:
            ids.add(section.id)
            ids.update(section.all_teacher_ids, section.student_ids)
        return DistrictPart(tuple(sections), self._people(ids), self._problems(ids))

    def whole(self) -> RosterSnapshot:
        """The whole district in memory: for a small one, or a test."""
        sections = self.db.execute("SELECT data FROM sections ORDER BY place")
        people: dict[str, CleverPerson] = {}
        for (data,) in self.db.execute("SELECT data FROM people ORDER BY place"):
            person = CleverPerson(*marshal.loads(data))
            people.setdefault(person.id, person)
        problems = self.db.execute(
            "SELECT record_type, clever_id, field, message FROM problems ORDER BY place"
        )
        return RosterSnapshot(
            sections=tuple(CleverSection(*marshal.loads(data)) for (data,) in sections),
            people=people,
            complete=self.complete,
            problems=tuple(Problem(*row) for row in problems),
            terms=self.terms,
        )

    def close(self) -> None:
        self.db.close()

    def _people(self, ids: Collection[str]) -> dict[str, CleverPerson]:
        """An id's first record in the pull (a teacher listed as a student too stays one)."""
        found: dict[str, CleverPerson] = {}
        sql = "SELECT id, data FROM people WHERE id IN ({}) ORDER BY place"
        for person_id, data in self._select(sql, ids):
            if person_id not in found:
                found[person_id] = CleverPerson(*marshal.loads(data))
        return found

    def _problems(self, ids: Collection[str]) -> tuple[tuple[int, Problem], ...]:
        sql = "SELECT place, record_type, clever_id, field, message FROM problems WHERE clever_id IN ({})"
        return tuple(sorted((row[0], Problem(*row[1:])) for row in self._select(sql, ids)))

    def _insert(self, table: str, rows: list[Placed], listing: str | None = None) -> set[int]:
        """Inserts ``rows`` (of one listing, for people); the places of those whose id was
        there already."""
        before = self.db.total_changes
        if listing is None:
            self.db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?, ?)", rows)
        else:
            self.db.executemany(
                f"INSERT OR IGNORE INTO {table} VALUES (?, ?, ?, ?)",
                [(place, row_id, listing, data) for place, row_id, data in rows],
            )
        if self.db.total_changes - before == len(rows):
            return set()
        where, extra = ("", ()) if listing is None else (" AND listing = ?", (listing,))
        sql = f"SELECT id, place FROM {table} WHERE id IN ({{}}){where}"
        kept = dict(self._select(sql, [row[1] for row in rows], extra))
        return {place for place, row_id, _ in rows if kept[row_id] != place}

    def _select(
        self, sql: str, values: Collection[object], extra: tuple[object, ...] = ()
    ) -> list[Any]:
        """The rows of ``sql``, its ``IN ({})`` filled a slice of ``values`` at a time."""
        rows: list[Any] = []
        remaining = iter(values)
        while chunk := list(islice(remaining, IDS_A_QUERY)):
            marks = ", ".join("?" * len(chunk))
            rows += self.db.execute(sql.format(marks), (*chunk, *extra)).fetchall()
        return rows


def _section_fields(s: CleverSection) -> tuple[Any, ...]:
    return (
        *(s.id, s.district_id, s.school_id, s.name, s.subject, s.period, s.grade),
        *(s.teacher_id, s.teacher_ids, s.student_ids, s.term_id),
    )


def _person_fields(p: CleverPerson) -> tuple[Any, ...]:
    return (
        p.id,
        p.district_id,
        p.role,
        p.name,
        p.email,
        p.school_ids,
        p.grade,
        dict(p.demographics),
    )
