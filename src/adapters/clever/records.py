"""Clever section and user records -> the domain's snapshot types."""

from __future__ import annotations

import sys

from adapters.clever.fields import Fields, Malformed, full_name
from domain.snapshot import CleverPerson, CleverSection

ROSTER_ROLES = ("teacher", "student")
DEMOGRAPHIC_KEYS = (
    "ell_status",
    "hispanic_ethnicity",
    "iep_status",
    "frl_status",
    "race",
    "gender",
)


def section_from(record: Fields, district_id: str) -> CleverSection:
    return CleverSection(
        id=record.required_id(),
        district_id=record.clever_id("district") or district_id,
        school_id=record.clever_id("school"),
        name=record.text("name") or "",
        subject=record.text("subject"),
        period=record.text("period"),
        grade=record.value("grade"),
        teacher_id=record.clever_id("teacher"),
        teacher_ids=record.ids("teachers"),
        student_ids=record.ids("students"),
        term_id=record.clever_id("term_id"),
    )


def person_from(
    record: Fields, district_id: str, listed_as: str | None = None
) -> CleverPerson | None:
    """A teacher or student; None for users with neither role (staff, admins, contacts)."""
    person_id = record.required_id()
    roles = record.nested("roles")
    role, details = _roster_role(roles, listed_as) if roles else (None, None)
    if role is None or details is None:
        return None
    email = record.text("email") or details.text("email")
    schools = details.ids("schools") or tuple(s for s in [details.clever_id("school")] if s)
    student = role == "student"
    return CleverPerson(
        id=person_id,
        district_id=record.clever_id("district") or district_id,
        role=role,
        name=full_name(record.nested("name")),
        email=email,
        school_ids=schools,
        grade=details.value("grade") if student else None,
        demographics=_demographics(details) if student else {},
    )


def _roster_role(roles: Fields, listed_as: str | None) -> tuple[str | None, Fields | None]:
    """The role the list asked for, else teacher before student."""
    order = [r for r in (listed_as, *ROSTER_ROLES) if r in ROSTER_ROLES]
    for role in order:
        details = roles.nested(role)
        if details is not None:
            return role, details
    return None, None


def _demographics(student: Fields) -> dict[str, object]:
    """Only the keys Clever sent: a district that does not share a field leaves it out."""
    values = {key: student.value(key) for key in DEMOGRAPHIC_KEYS if key in student}
    # A district's students share a few values ("Y", "Free", a race): one string each.
    return {
        key: sys.intern(value) if isinstance(value, str) else value
        for key, value in values.items()
        if value is not None
    }


__all__ = ["Malformed", "person_from", "section_from"]
