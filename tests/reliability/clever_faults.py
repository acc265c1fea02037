"""Fault patterns built on the sandbox's own fault injection, aimed at chosen requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clever_sandbox.faults import Failure, Faults


@dataclass
class RecurringBursts:
    """A burst of ``length`` 503s, then ``every`` requests of calm (apart from whatever else
    the sandbox injects, such as random 429s), and again."""

    faults: Faults
    original: Callable[[], Failure | None]
    every: int = 5
    length: int = 3
    seen: int = 0
    bursts: int = 0
    next_burst: int = 1

    def __call__(self) -> Failure | None:
        self.seen += 1
        if self.seen >= self.next_burst:
            self.faults.server_errors(self.length, 503)
            self.bursts += 1
            self.next_burst = self.seen + self.length + self.every
        return self.original()


@dataclass
class BreakOneBody:
    """The ``at``-th successful data response (1-based) is cut in half or replaced by HTML."""

    kind: str  # "truncate" or "html"
    at: int
    served: int = 0
    broken: list[int] = field(default_factory=list)

    def __call__(self) -> str | None:
        self.served += 1
        if self.served == self.at:
            self.broken.append(self.served)
            return self.kind
        return None
