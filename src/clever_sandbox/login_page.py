"""The HTML "pick a user" page shown by /oauth/authorize without a login."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from urllib.parse import urlencode

from .records import Record
from .state import Sandbox
from .store import DistrictStore

MAX_USERS = 50


def _matches(user: Record, needle: str) -> bool:
    if not needle:
        return True
    name = user.get("name") or {}
    haystack = " ".join(
        str(x) for x in (name.get("first"), name.get("last"), user.get("id"), user.get("email"))
    )
    return needle.lower() in haystack.lower()


def _candidates(stores: list[DistrictStore], needle: str) -> Iterator[tuple[str, Record]]:
    for role in ("teacher", "student"):  # teachers first, as a tester usually wants one
        for store in stores:
            for user in store.users(role):
                if isinstance(user, dict) and _matches(user, needle):
                    yield role, user


def _row(role: str, user: Record, base_params: list[tuple[str, str]]) -> str:
    name = user.get("name") or {}
    href = "/oauth/authorize?" + urlencode([*base_params, ("user_id", str(user.get("id")))])
    label = f"{name.get('first', '')} {name.get('last', '')}".strip() or str(user.get("id"))
    return (
        f'<li><a href="{escape(href)}">{escape(label)}</a> '
        f"<small>{escape(role)} &middot; {escape(str(user.get('id')))} &middot; "
        f"{escape(str(user.get('email') or ''))}</small></li>"
    )


def render(
    sandbox: Sandbox, params: list[tuple[str, str]], needle: str, district_id: str | None
) -> str:
    base = [(k, v) for k, v in params if k not in ("q", "user_id")]
    with sandbox.lock:
        stores = (
            [sandbox.store(district_id)]
            if district_id
            else [sandbox.store(d) for d in sandbox.districts]
        )
        rows: list[str] = []
        for role, user in _candidates(stores, needle):
            if len(rows) == MAX_USERS:
                break
            rows.append(_row(role, user, base))
    hidden = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in base
    )
    more = (
        f"<p>Showing the first {MAX_USERS} matches; search to narrow.</p>"
        if len(rows) == MAX_USERS
        else ""
    )
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>Clever sandbox - log in</title></head>
<body>
<h1>Clever sandbox login</h1>
<p>Pick the user to sign in as (teachers first, then students).</p>
<form method="get" action="/oauth/authorize">{hidden}
<input type="search" name="q" value="{escape(needle)}" placeholder="name, e-mail or id">
<button type="submit">Search</button></form>
<ul>{"".join(rows) or "<li>No matching users.</li>"}</ul>{more}
</body></html>"""


def error_page(message: str) -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>Clever sandbox - error</title></head>'
        f"<body><h1>Authorization error</h1><p>{escape(message)}</p></body></html>"
    )
