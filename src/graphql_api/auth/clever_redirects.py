"""Where a Clever sign-in may send the browser afterwards: same-origin relative paths only
(the same rule as the password sign-in), and a district hint for Clever's authorize page."""

from __future__ import annotations

import re

from graphql_api.security import DEFAULT_NEXT as HOME
from graphql_api.security import safe_next

__all__ = ["HOME", "clever_district_hint", "safe_next"]

_CLEVER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def clever_district_hint(value: str | None) -> str | None:
    """A district id worth passing on to Clever's authorize page (it skips the district picker)."""
    if value and _CLEVER_ID.match(value):
        return value
    return None
