"""Who a teacher's search means: a Clever id or SIS id exactly, else the start of each name word."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from application.explanations import InvalidSearch

MIN_SEARCH = 2
MAX_SEARCH = 200
MAX_MATCHES = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """A student this class may be asked about: in it once, or listed by Clever for it."""

    student_id: str
    name: str
    sis_id: str | None = None


def clean_search(raw: str) -> str:
    text = " ".join(raw.split())
    if not text:
        raise InvalidSearch("Type a student's name, Clever id or SIS id.")
    if len(text) < MIN_SEARCH:
        raise InvalidSearch(f"Type at least {MIN_SEARCH} characters of a name or an id.")
    if len(text) > MAX_SEARCH:
        raise InvalidSearch(f"A search has at most {MAX_SEARCH} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in text):
        raise InvalidSearch("The search contains characters no name or id has.")
    return text


def matching(search: str, candidates: Iterable[Candidate]) -> list[Candidate]:
    """An id match wins over name matches; at most MAX_MATCHES students, by name."""
    key = _fold(search)
    pool = {c.student_id: c for c in candidates}.values()
    by_id = [c for c in pool if _fold(c.student_id) == key or (c.sis_id and _fold(c.sis_id) == key)]
    if by_id:
        return sorted(by_id, key=lambda c: (c.name, c.student_id))
    words = key.split()
    named = [c for c in pool if c.name and _name_matches(words, _fold(c.name).split())]
    return sorted(named, key=lambda c: (c.name, c.student_id))[:MAX_MATCHES]


def _name_matches(words: list[str], name_words: list[str]) -> bool:
    return all(any(part.startswith(word) for part in name_words) for word in words)


def _fold(text: str) -> str:
    """Case and accents ignored: "jose" finds "José"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
