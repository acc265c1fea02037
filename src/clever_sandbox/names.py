"""Small built-in name lists (mostly ASCII, a few non-ASCII on purpose)."""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

FIRST_NAMES: Final = (
    "Aaliyah",
    "Ben",
    "Carmen",
    "Dmitri",
    "Elena",
    "Farah",
    "Gabriel",
    "Hana",
    "Isaac",
    "José",
    "Keisha",
    "Liam",
    "Maya",
    "Noah",
    "Olivia",
    "Priya",
    "Quinn",
    "Rosa",
    "Samuel",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Xavier",
    "Yusuf",
    "Zoë",
    "Amara",
    "Chloé",
    "Diego",
    "Emma",
    "Finn",
    "Grace",
    "Hugo",
    "Ines",
    "Jamal",
    "Kai",
    "Lucía",
    "Mateo",
    "Nora",
    "Søren",
)
LAST_NAMES: Final = (
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "García",
    "Hughes",
    "Ito",
    "Johnson",
    "Kim",
    "Lopez",
    "Martin",
    "Nguyễn",
    "O'Brien",
    "Patel",
    "Quinn",
    "Robinson",
    "Smith",
    "Thompson",
    "Ueda",
    "Vargas",
    "Williams",
    "Xu",
    "Young",
    "Zimmerman",
    "Müller",
    "Okafor",
    "Brown",
    "Davis",
    "Wilson",
    "Moore",
    "Taylor",
    "Anderson",
    "Thomas",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
)
MIDDLE_INITIALS: Final = ("", "", "", "A", "J", "M", "R", "L")
TEACHER_TITLES: Final = ("", "Teacher", "Teacher", "Lead Teacher", "Specialist")


@functools.lru_cache(maxsize=4096)
def ascii_slug(text: str) -> str:
    """Lower-case ASCII form of a name for e-mail local parts."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if c.isascii() and c.isalnum())
    return kept.lower() or "user"
