"""The one record type: Clever objects are kept as plain JSON-like dicts."""

from __future__ import annotations

from typing import Any, TypeAlias

Record: TypeAlias = dict[str, Any]
