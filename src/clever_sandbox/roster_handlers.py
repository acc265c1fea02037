"""Handlers for the Data API's roster endpoints (districts ... courses)."""

from __future__ import annotations

import heapq
from collections.abc import Callable

from .envelopes import ApiContext, ApiError, listing, single
from .records import Record
from .store import DistrictStore

Handler = Callable[[ApiContext], Record]
KNOWN_ROLES = ("teacher", "student")
SPEC_ROLES = ("contact", "district_admin", "staff", "teacher", "student")


def _record(ctx: ApiContext, collection: str, record_id: str) -> Record:
    record: Record | None = getattr(ctx.store, collection).get(record_id)
    if record is None:
        raise ApiError(404, f"{collection[:-1]} {record_id} not found")
    return record


def _user(ctx: ApiContext, user_id: str) -> Record:
    user = ctx.store.user(user_id)
    if user is None:
        raise ApiError(404, f"user {user_id} not found")
    return user


def _role(ctx: ApiContext) -> str | None:
    role = ctx.query.get("role")
    if role in (None, ""):
        return None
    if role not in SPEC_ROLES:
        raise ApiError(400, f"invalid role {role!r}")
    return role


def _user_ids(store: DistrictStore, ids: list[str], role: str | None) -> list[str]:
    wanted = (role,) if role else KNOWN_ROLES
    return [i for i in ids if store.role_of(i) in wanted]


def _field(ctx: ApiContext, record: Record, field: str, collection: str) -> Record:
    target = record.get(field)
    if not isinstance(target, str):
        raise ApiError(404, f"no {field} for this record")
    return _record(ctx, collection, target)


def _lister(collection: str) -> Handler:
    return lambda ctx: listing(
        ctx, collection, getattr(ctx.store, collection).ids(), getattr(ctx.store, collection).get
    )


def _getter(collection: str) -> Handler:
    return lambda ctx: single(ctx, collection, _record(ctx, collection, ctx.params["id"]))


def _district_of(collection: str) -> Handler:
    def handler(ctx: ApiContext) -> Record:
        if collection == "users":
            _user(ctx, ctx.params["id"])
        else:
            _record(ctx, collection, ctx.params["id"])
        return single(ctx, "districts", ctx.store.record)

    return handler


def districts(ctx: ApiContext) -> Record:
    return listing(ctx, "districts", [ctx.store.id], lambda _: ctx.store.record)


def district(ctx: ApiContext) -> Record:
    if ctx.params["id"] != ctx.store.id:
        raise ApiError(404, f"district {ctx.params['id']} not found")
    return single(ctx, "districts", ctx.store.record)


def users(ctx: ApiContext) -> Record:
    role = _role(ctx)
    store = ctx.store
    if role in KNOWN_ROLES:
        ids = store.users(role).ids()
    elif role is None:
        ids = list(heapq.merge(store.teachers.ids(), store.students.ids()))
    else:
        ids = []
    return listing(ctx, "users", ids, store.user)


def user(ctx: ApiContext) -> Record:
    return single(ctx, "users", _user(ctx, ctx.params["id"]))


def user_sections(ctx: ApiContext) -> Record:
    _user(ctx, ctx.params["id"])
    ids = ctx.store.index().user_sections.get(ctx.params["id"], [])
    return listing(ctx, "sections", ids, ctx.store.sections.get)


def user_schools(ctx: ApiContext) -> Record:
    found = _user(ctx, ctx.params["id"])
    schools: set[str] = set()
    for role_record in (found.get("roles") or {}).values():
        if isinstance(role_record, dict):
            schools.update(s for s in role_record.get("schools") or [] if s in ctx.store.schools)
    return listing(ctx, "schools", sorted(schools), ctx.store.schools.get)


def section_users(ctx: ApiContext) -> Record:
    section = _record(ctx, "sections", ctx.params["id"])
    members = set(section.get("students") or []) | set(section.get("teachers") or [])
    ids = _user_ids(ctx.store, sorted(m for m in members if isinstance(m, str)), _role(ctx))
    return listing(ctx, "users", ids, ctx.store.user)


def school_sections(ctx: ApiContext) -> Record:
    _record(ctx, "schools", ctx.params["id"])
    ids = ctx.store.index().school_sections.get(ctx.params["id"], [])
    return listing(ctx, "sections", ids, ctx.store.sections.get)


def school_users(ctx: ApiContext) -> Record:
    _record(ctx, "schools", ctx.params["id"])
    role = _role(ctx)
    index = ctx.store.index().school_users
    lists = [index.get((ctx.params["id"], r), []) for r in ((role,) if role else KNOWN_ROLES)]
    return listing(ctx, "users", list(heapq.merge(*lists)), ctx.store.user)


def section_related(field: str, collection: str) -> Handler:
    def handler(ctx: ApiContext) -> Record:
        section = _record(ctx, "sections", ctx.params["id"])
        return single(ctx, collection, _field(ctx, section, field, collection))

    return handler


ROSTER_ROUTES: dict[str, Handler] = {
    "/districts": districts,
    "/districts/{id}": district,
    "/schools": _lister("schools"),
    "/schools/{id}": _getter("schools"),
    "/schools/{id}/sections": school_sections,
    "/schools/{id}/users": school_users,
    "/schools/{id}/district": _district_of("schools"),
    "/sections": _lister("sections"),
    "/sections/{id}": _getter("sections"),
    "/sections/{id}/users": section_users,
    "/sections/{id}/school": section_related("school", "schools"),
    "/sections/{id}/district": _district_of("sections"),
    "/sections/{id}/term": section_related("term_id", "terms"),
    "/sections/{id}/course": section_related("course", "courses"),
    "/users": users,
    "/users/{id}": user,
    "/users/{id}/sections": user_sections,
    "/users/{id}/schools": user_schools,
    "/users/{id}/district": _district_of("users"),
    "/terms": _lister("terms"),
    "/terms/{id}": _getter("terms"),
    "/terms/{id}/district": _district_of("terms"),
    "/courses": _lister("courses"),
    "/courses/{id}": _getter("courses"),
    "/courses/{id}/district": _district_of("courses"),
}
