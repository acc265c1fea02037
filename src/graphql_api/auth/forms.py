"""Reading a sign-in request: an HTML form (urlencoded) or a JSON body, both small."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.requests import Request

from graphql_api.json_body import MalformedJson, decode_json_body

# NUL (which Postgres refuses to store or even compare) and halves of surrogate pairs.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
FORM = "application/x-www-form-urlencoded"


class BadForm(Exception):
    """The body is too large, malformed or not a flat object of strings."""


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def wants_json(request: Request) -> bool:
    return content_type(request) == "application/json"


async def read_fields(request: Request) -> dict[str, str]:
    fields = await _fields(request)
    if any(_UNSTORABLE.search(value) for value in fields.values()):
        raise BadForm("The form holds a character that cannot be used (such as NUL).")
    return fields


async def _fields(request: Request) -> dict[str, str]:
    kind = content_type(request)
    if kind not in (FORM, "application/json"):
        raise BadForm("Send the form, or a JSON object.")
    body = await request.body()  # its size is bounded before it is read (see limits)
    if kind == FORM:
        try:
            pairs = parse_qsl(body.decode(), max_num_fields=20, strict_parsing=False)
        except (UnicodeDecodeError, ValueError):
            raise BadForm("The form could not be read.") from None
        return dict(pairs)
    try:
        data = decode_json_body(body or b"{}", request.url.path)
    except MalformedJson as exc:
        raise BadForm(str(exc)) from None
    if not isinstance(data, dict):
        raise BadForm("Send a JSON object.")
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
