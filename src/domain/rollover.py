"""Rule 15: classes know their Clever term; the calendar ending a term is not a mass change.

Kept apart from the rest of reconciliation: these rules only decide which archives are "term
ended" (never held) and which classes a finished school year archives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from domain.roster import Class
from domain.term import DEFAULT_TERM_END_ARCHIVE_DAYS, Term, archive_cutoff


@dataclass(frozen=True, slots=True)
class TermRules:
    """``today`` None turns the term rules off (every archive counts toward the hold)."""

    today: date | None = None
    archive_days: int = DEFAULT_TERM_END_ARCHIVE_DAYS
    terms: Mapping[str, Term] = field(default_factory=dict)

    def term_of(self, term_id: str | None, existing: Class | None) -> Term | None:
        """A section's term as Clever has it now; one missing from Clever's terms keeps what
        was stored, or only its id."""
        if term_id is None:
            return None
        if term_id in self.terms:
            return self.terms[term_id]
        if existing is not None and existing.term is not None and existing.term.id == term_id:
            return existing.term
        return Term(term_id)

    def current(self, klass: Class) -> Term | None:
        """A stored class's term, refreshed from Clever's terms when they name it."""
        if klass.term is None:
            return None
        return self.terms.get(klass.term.id, klass.term)

    def over(self, klass: Class) -> bool:
        """The year-end archive: the term ended more than ``archive_days`` ago, not kept."""
        return self.today is not None and klass.term_over(self.today, self.archive_days)

    def due(self, klass: Class) -> bool:
        """A live class a sync must touch for its term alone: Clever changed the term, or
        the year-end archive has come for it."""
        term = self.current(klass)
        return term != klass.term or self.over(replace(klass, term=term))

    @property
    def cutoff(self) -> date | None:
        """A class whose term ended before this day is over (unless a teacher kept it)."""
        return None if self.today is None else archive_cutoff(self.today, self.archive_days)

    def ended(self, klass: Class) -> bool:
        """A section gone after this is archived as "term ended", never held."""
        term = self.current(klass)
        return self.today is not None and term is not None and term.ended_before(self.today)


def term_ended_notes(terms: Iterable[Term | None]) -> tuple[str, ...]:
    """'12 classes of 2025-26 archived (term ended)' (an en dash), one line per school year."""
    years = Counter(term.school_year if term else "an earlier term" for term in terms)
    return tuple(
        f"{count} {'class' if count == 1 else 'classes'} of {year} archived (term ended)"
        for year, count in sorted(years.items())
    )
