"""Per-version views of stored (v3.1-shaped) records.

The tables are the output of `python -m clever_sandbox.specdiff` over Clever's
v3.0/v3.1 specs; tests/sandbox re-derive them from the specs and compare.
"""

from __future__ import annotations

from .records import Record

VERSIONS = ("v3.0", "v3.1")

V30_OMITTED: dict[str, tuple[str, ...]] = {
    "District": ("last_attendance_sync", "lms_state", "lms_type"),
    "Section": ("lms_status",),
    "Student": (
        "disability",
        "frl_status",
        "gifted_status",
        "home_language",
        "home_language_code",
        "iep_status",
        "preferred_name",
        "section_504_status",
    ),
    "User": ("lms_status",),
}
V30_NESTED: dict[str, dict[str, str]] = {
    "DistrictResponse": {"data": "District"},
    "DistrictsResponse": {"data": "DistrictResponse"},
    "Roles": {"student": "Student"},
    "SectionResponse": {"data": "Section"},
    "SectionsResponse": {"data": "SectionResponse"},
    "User": {"roles": "Roles"},
    "UserResponse": {"data": "User"},
    "UsersResponse": {"data": "UserResponse"},
}

DEFINITION_OF_KIND = {
    "districts": "District",
    "schools": "School",
    "sections": "Section",
    "users": "User",
    "terms": "Term",
    "courses": "Course",
}


def _strip(definition: str, value: object) -> object:
    if isinstance(value, list):
        return [_strip(definition, item) for item in value]
    if not isinstance(value, dict):
        return value  # raw, malformed records pass through untouched
    drop = V30_OMITTED.get(definition, ())
    nested = V30_NESTED.get(definition, {})
    return {
        key: _strip(nested[key], item) if key in nested else item
        for key, item in value.items()
        if key not in drop
    }


def render(kind: str, record: object, version: str) -> object:
    """The record as the given API version sends it."""
    if version == "v3.1":
        return record
    definition = DEFINITION_OF_KIND.get(kind)
    return _strip(definition, record) if definition else record


def render_event(event: Record, version: str) -> Record:
    if version == "v3.1":
        return event
    kind = event.get("type", "").split(".")[0]
    data = dict(event.get("data") or {})
    for key in ("object", "previous_attributes"):
        if key in data:
            data[key] = render(kind, data[key], version)
    return {**event, "data": data}
