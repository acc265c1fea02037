"""Where a sign-in may send the browser afterwards: same-origin relative paths only."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HOME = "/"
MAX_NEXT_LENGTH = 2000
_CLEVER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def safe_next(value: str | None) -> str:
    """The path itself when it stays on this site, otherwise the home page.

    Browsers read a backslash as a slash and drop tabs and newlines, so "/\\evil.example" or
    "/\\t/evil.example" would leave the site: any of those characters refuses the path.
    """
    if not value or len(value) > MAX_NEXT_LENGTH or not value.startswith("/"):
        return HOME
    if value.startswith("//") or "\\" in value:
        return HOME
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in value):
        return HOME
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return HOME
    return value


def clever_district_hint(value: str | None) -> str | None:
    """A district id worth passing on to Clever's authorize page (it skips the district picker)."""
    if value and _CLEVER_ID.match(value):
        return value
    return None
