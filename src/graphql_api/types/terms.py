"""A class's Clever term."""

from __future__ import annotations

from datetime import date

import strawberry

from domain.term import Term as DomainTerm


@strawberry.type(description="The Clever term a class belongs to; Clever may leave any part unset.")
class Term:
    name: str | None
    start_date: date | None
    end_date: date | None

    @classmethod
    def from_domain(cls, term: DomainTerm | None) -> Term | None:
        if term is None:
            return None
        return cls(name=term.name, start_date=term.start_date, end_date=term.end_date)
