"""Clever's terms: each sync reads them, so a class knows when its school year ends."""

from __future__ import annotations

import re
from datetime import date

from adapters.clever.api import DataApi
from adapters.clever.fields import Fields, Malformed
from adapters.clever.listing import Collected, collect
from domain.term import Term

# Clever sends ``2025-08-18`` or a timestamp such as ``2025-08-18T00:00:00.000Z``.
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def term_from(record: Fields) -> Term:
    term_id = record.required_id()
    try:
        return Term(
            term_id,
            record.text("name"),
            _day(record, "start_date"),
            _day(record, "end_date"),
        )
    except ValueError as exc:
        raise Malformed("end_date", str(exc)) from None


def read_terms(api: DataApi, token: str) -> Collected[Term]:
    """Every term of the district (a handful: one list request)."""
    return collect(api.items("/terms", token), "term", term_from)


def _day(record: Fields, key: str) -> date | None:
    text = record.text(key)
    if text is None:
        return None
    found = _DAY.fullmatch(text.strip())
    try:
        return date.fromisoformat(found.group(1)) if found else _refuse(key)
    except ValueError:
        return _refuse(key)


def _refuse(key: str) -> date:
    raise Malformed(key, "expected a date")
