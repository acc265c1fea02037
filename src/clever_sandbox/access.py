"""What a signed-in user's own token may read (district tokens read all)."""

from __future__ import annotations

from .auth import Principal
from .store import DistrictStore

OWN_USER_ROUTES = frozenset(
    {"/users/{id}", "/users/{id}/sections", "/users/{id}/schools", "/users/{id}/district"}
)
TEACHER_SECTION_ROUTES = frozenset({"/sections/{id}", "/sections/{id}/users"})
OWN_DISTRICT_ROUTES = frozenset({"/districts", "/districts/{id}"})


def allowed(
    principal: Principal, template: str, params: dict[str, str], store: DistrictStore
) -> bool:
    if principal.is_district or template == "/me":
        return True
    if template in OWN_USER_ROUTES:
        return params.get("id") == principal.user_id
    if template in OWN_DISTRICT_ROUTES:
        return params.get("id", principal.district_id) == principal.district_id
    if template in TEACHER_SECTION_ROUTES and principal.role == "teacher":
        return params.get("id") in store.index().user_sections.get(principal.user_id or "", [])
    return False
