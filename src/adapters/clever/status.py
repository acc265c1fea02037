"""HTTP status -> the application's Clever errors (never retried: 400, 401, 403, 404, 413)."""

from __future__ import annotations

import json

import httpx

from application.errors import (
    CleverAuthError,
    CleverBadRequest,
    CleverNotFound,
    CleverUnavailable,
)

MAX_DETAIL = 200


def raise_for_status(response: httpx.Response, target: str) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    said = f"Clever {target}: answered {status}{_detail(response)}"
    if status in (401, 403):
        raise CleverAuthError(said)
    if status == 404:
        raise CleverNotFound(said)
    if 400 <= status < 500:
        raise CleverBadRequest(said)
    raise CleverUnavailable(said)


def _detail(response: httpx.Response) -> str:
    """Clever's own explanation ({"message"} or OAuth's {"error", "error_description"})."""
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return ""
    if not isinstance(body, dict):
        return ""
    parts = [body.get(key) for key in ("error", "error_description", "message")]
    text = ": ".join(p for p in parts if isinstance(p, str) and p)
    return f" ({text[:MAX_DETAIL]})" if text else ""
