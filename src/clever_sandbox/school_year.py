"""Terms with real dates, and the calendar's scripted changes: a new school year (every section
replaced by next year's, last year's terms ended) and a summer (terms ended, sections listed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .records import Record

if TYPE_CHECKING:  # the store is generated from these terms: no import at run time
    from .store import DistrictStore

# A school year runs from mid-August to mid-June; from June 16 the next one is "current".
YEAR_START = (8, 17)
YEAR_END = (6, 12)
SEMESTER_BREAK = ((1, 15), (1, 19))
NEW_YEAR_LENGTH = timedelta(days=298)


def current_start_year(today: date) -> int:
    """The school year the sandbox's terms describe: the one running, or the one ahead in
    summer, so a freshly generated district is never past its term."""
    end_year = today.year if (today.month, today.day) <= (6, 15) else today.year + 1
    return end_year - 1


def school_year_terms(next_id: Callable[[], str], district_id: str, today: date) -> list[Record]:
    """The full year first (every generated section belongs to it), then its two semesters."""
    year = current_start_year(today)
    start, end = date(year, *YEAR_START), date(year + 1, *YEAR_END)
    fall_end, spring_start = (date(year + 1, *day) for day in SEMESTER_BREAK)
    spans = (
        (f"{year}-{year + 1} School Year", start, end),
        (f"Fall {year}", start, fall_end),
        (f"Spring {year + 1}", spring_start, end),
    )
    return [term_record(next_id(), district_id, *span) for span in spans]


def term_record(term_id: str, district_id: str, name: str, start: date, end: date) -> Record:
    return {
        "id": term_id,
        "district": district_id,
        "name": name,
        "start_date": _stamp(start),
        "end_date": _stamp(end),
    }


def end_terms(store: DistrictStore, ended_on: date) -> list[str]:
    """Every term still running on ``ended_on`` ends that day (terms.updated for each)."""
    ended: list[str] = []
    for term in list(store.terms):
        end = _day(term.get("end_date"))
        if end is not None and end < ended_on:
            continue
        start = _day(term.get("start_date"))
        changes: Record = {"end_date": _stamp(ended_on)}
        if start is not None and start > ended_on:
            changes["start_date"] = _stamp(ended_on - NEW_YEAR_LENGTH)
        previous = {key: term.get(key) for key in changes}
        term.update(changes)
        store.events.emit("terms.updated", term, previous)
        ended.append(str(term["id"]))
    store.touch()
    return ended


def new_school_year(store: DistrictStore, today: date, now: str) -> Record:
    """Last year's terms end yesterday; next year's start today; every section is deleted
    and replaced by next year's (new ids, the same teachers and students), as Clever's
    events report it: terms.updated, terms.created, sections.deleted, sections.created."""
    # Next year's terms keep this year's shape: the same lengths, the same gaps between them.
    spans = {
        str(t["id"]): (_day(t.get("start_date")), _day(t.get("end_date"))) for t in store.terms
    }
    starts = [start for start, _ in spans.values() if start is not None]
    first = min(starts) if starts else today
    ended = end_terms(store, today - timedelta(days=1))
    successor: dict[str, str] = {}
    for term_id in ended:
        start, end = spans[term_id]
        offset = (start - first) if start else timedelta(0)
        length = (end - start) if start and end and end > start else NEW_YEAR_LENGTH
        successor[term_id] = _next_term(store, term_id, today + offset, length)
    replaced = 0
    old_sections = list(store.sections)
    for section in old_sections:
        store.sections.remove(section["id"])
        store.events.emit("sections.deleted", section)
    for section in old_sections:
        fresh = dict(section)
        fresh["id"] = store.new_id("sections")
        fresh["term_id"] = successor.get(str(section.get("term_id")), section.get("term_id"))
        fresh["sis_id"] = f"{section.get('sis_id') or 'SEC'}-{today.year}"
        fresh["created"] = fresh["last_modified"] = now
        store.sections.put(fresh["id"], fresh)
        store.events.emit("sections.created", fresh)
        replaced += 1
    store.touch()
    return {"terms_ended": ended, "terms_created": sorted(successor.values()), "sections": replaced}


def current_term_id(store: DistrictStore) -> str | None:
    """The term a new section belongs to: the newest school-year term (the first made)."""
    ids = [str(t["id"]) for t in store.terms if "School Year" in str(t.get("name"))]
    return ids[-1] if ids else (store.terms.ids()[0] if len(store.terms) else None)


def _next_term(store: DistrictStore, term_id: str, start: date, length: timedelta) -> str:
    name = str((store.terms.get(term_id) or {}).get("name") or "Term")
    if "School Year" in name:
        name = f"{start.year}-{(start + length).year} School Year"
    elif name.split()[0] in ("Fall", "Spring"):
        name = f"{name.split()[0]} {start.year}"
    new_id = store.new_id("terms")
    record = term_record(new_id, store.id, name, start, start + length)
    store.terms.put(new_id, record)
    store.events.emit("terms.created", record)
    return new_id


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


def _day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
