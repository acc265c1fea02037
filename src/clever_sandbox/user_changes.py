"""Scripted user changes; each records the matching Clever event."""

from __future__ import annotations

from . import section_changes
from .names import FIRST_NAMES, LAST_NAMES, ascii_slug
from .records import Record
from .section_changes import UnknownRecord
from .store import DistrictStore

NAME_FIELDS = ("first", "middle", "last")


def set_student_field(
    store: DistrictStore, student_id: str, field: str, value: object, now: str
) -> bool:
    """Change `roles.student.<field>` (or email / a name part); None drops the key."""
    user = store.students.get(student_id)
    if user is None:
        raise UnknownRecord(f"unknown student {student_id}")
    role: Record = user["roles"]["student"]
    target: Record
    previous: Record
    if field in NAME_FIELDS:
        target, previous = user["name"], {"name": {field: user["name"].get(field)}}
    else:
        target, previous = role, {"roles": {"student": {field: role.get(field)}}}
        if field == "email":
            previous["email"] = user.get("email")
    present = field in target
    if (value is None and not present) or (present and target[field] == value):
        return False
    for holder in (target, user) if field == "email" else (target,):
        if value is None:
            holder.pop(field, None)
        else:
            holder[field] = value
    role["last_modified"] = now
    user["last_modified"] = now
    store.events.emit("users.updated", user, previous)
    store.touch()
    return True


def add_user(
    store: DistrictStore,
    role: str,
    now: str,
    school_id: str | None = None,
    grade: str | None = None,
    first: str | None = None,
    last: str | None = None,
    email: str | None = None,
) -> str:
    school_id = school_id or store.schools.ids()[0]
    school = store.schools.get(school_id)
    if school is None:
        raise UnknownRecord(f"unknown school {school_id}")
    kind = "teachers" if role == "teacher" else "students"
    user_id = store.new_id(kind)
    name = {
        "first": first or store.rng.choice(FIRST_NAMES),
        "middle": "",
        "last": last or store.rng.choice(LAST_NAMES),
    }
    email = (
        email
        or f"{ascii_slug(name['first'])}.{ascii_slug(name['last'])}.{user_id[-6:]}@new.example.org"
    )
    role_record: Record = {
        "created": now,
        "last_modified": now,
        "school": school_id,
        "schools": [school_id],
        "sis_id": f"NEW-{user_id[-6:]}",
        "credentials": {"district_username": f"new{user_id[-6:]}"},
    }
    if role == "student":
        role_record.update(
            email=email,
            grade=grade if grade is not None else school.get("low_grade", ""),
            graduation_year="",
            gender="",
            race="",
            hispanic_ethnicity="",
        )
    else:
        role_record.update(title="Teacher", teacher_number="")
    user = {
        "id": user_id,
        "district": store.id,
        "email": email,
        "name": name,
        "roles": {role: role_record},
        "created": now,
        "last_modified": now,
    }
    store.users(role).put(user_id, user)
    store.events.emit("users.created", user)
    store.touch()
    return user_id


def delete_user(store: DistrictStore, user_id: str, now: str) -> Record:
    """Remove a user from every section first (sections.updated), then users.deleted."""
    role = store.role_of(user_id)
    if role is None:
        raise UnknownRecord(f"unknown user {user_id}")
    for section_id in list(store.index().user_sections.get(user_id, [])):
        section = store.sections.get(section_id) or {}
        if role == "student":
            section_changes.drop(store, section_id, user_id, now)
        else:
            remaining = [t for t in section.get("teachers") or [] if t != user_id]
            section_changes.set_teachers(store, section_id, remaining, now)
    user = store.users(role).remove(user_id)
    assert user is not None
    store.events.emit("users.deleted", user)
    store.touch()
    return user
