"""What a name typed into the product may hold: the one rule for class and account names."""

from __future__ import annotations

import unicodedata

# Embeddings, overrides and isolates reorder the text around them ("Trojan Source"); the
# plain direction marks (U+200E, U+200F) that right-to-left names carry are kept.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NAME_CHARACTERS = "control characters or text-direction overrides"


def unfit_for_a_name(text: str) -> bool:
    """Control characters (an ANSI escape starts with one; NUL cannot be stored), halves of
    surrogate pairs, and bidi overrides. Whitespace such as a tab counts as a space."""
    return any(
        (unicodedata.category(c) in ("Cc", "Cs") and not c.isspace()) or c in BIDI_CONTROLS
        for c in text
    )
