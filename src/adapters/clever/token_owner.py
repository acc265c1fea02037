"""Who a Clever user token belongs to: /me, then the user record."""

from __future__ import annotations

from adapters.clever.api import DataApi, segment
from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.fields import Fields, Malformed, full_name
from application.errors import CleverAuthError
from application.ports import CleverLogin

OTHER_ROLES = ("district_admin", "staff", "contact")


def token_owner(api: DataApi, access_token: str) -> CleverLogin:
    me = api.get("/me", access_token)
    if me.get("type") == "district":
        raise CleverAuthError("the token belongs to a district app, not to a person")
    try:
        about = Fields(_data(me))
        user_id = about.required_id()
        user = Fields(api.record(f"/users/{segment(user_id)}", access_token))
        district_id = user.text("district") or about.text("district")
        roles = user.nested("roles")
        role = _role(roles) if roles else None
        name = full_name(user.nested("name"))
        email = user.text("email")
        schools = _schools(roles.nested(role)) if roles and role else ()
    except Malformed as exc:
        raise CleverResponseInvalid(f"Clever user record is unreadable ({exc.field})") from None
    if not district_id or role is None:
        raise CleverResponseInvalid("Clever user record has no district or no role")
    return CleverLogin(user_id, district_id, role, name, email, schools)


def _data(me: dict[str, object]) -> dict[str, object]:
    data = me.get("data")
    if not isinstance(data, dict):
        raise CleverResponseInvalid("Clever GET /me: answered without a data object")
    return data


def _role(roles: Fields) -> str | None:
    """Teacher wins over student; other roles are named so the login can be refused clearly."""
    for role in ("teacher", "student", *OTHER_ROLES):
        if roles.nested(role) is not None:
            return role
    return None


def _schools(details: Fields | None) -> tuple[str, ...]:
    if details is None:
        return ()
    return details.ids("schools") or tuple(s for s in [details.clever_id("school")] if s)
