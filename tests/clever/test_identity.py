"""Who signed in: /me names the user, the user record gives role, district, name and email."""

from __future__ import annotations

import httpx
import pytest
import respx

from adapters.clever import CleverHttp, CleverResponseInvalid
from adapters.clever.identity import AuthlibCleverIdentity
from application.errors import CleverAuthError
from application.ports import CleverLogin
from tests.clever.conftest import API, OAUTH
from tests.clever.payloads import NameFactory, StudentFactory, StudentRoleFactory, one


def me(user_id: str, district: str = "d1") -> httpx.Response:
    body = {"type": "user", "data": {"id": user_id, "district": district, "type": "user"}}
    return httpx.Response(200, json=body)


@pytest.fixture
def identity(http: CleverHttp) -> AuthlibCleverIdentity:
    redirect_uri = "https://rostersync.test/auth/clever/callback"
    return AuthlibCleverIdentity(
        OAUTH,
        "client-id",
        "client-secret",
        redirect_uri,
        api_url=API,
        api_version="v3.0",
        http=http,
    )


def serve_user(clever: respx.MockRouter, user: dict, version: str = "v3.0") -> None:
    clever.get(f"/{version}/me").mock(return_value=me(user["id"]))
    clever.get(f"/{version}/users/{user['id']}").mock(
        return_value=httpx.Response(200, json=one(user, "users", version))
    )


def test_a_student_is_identified_with_the_users_own_token(
    clever: respx.MockRouter, identity: AuthlibCleverIdentity
) -> None:
    student = StudentFactory(district="d1", name=NameFactory(first="Lia", last="Chen"))
    serve_user(clever, student)

    login = identity.identify("user-token")

    schools = tuple(student["roles"]["student"]["schools"])
    assert schools
    assert login == CleverLogin(
        student["id"], "d1", "student", "Lia Chen", student["email"], schools
    )
    assert all(c.request.headers["Authorization"] == "Bearer user-token" for c in clever.calls)
    assert [c.request.url.path for c in clever.calls] == [
        "/v3.0/me",
        f"/v3.0/users/{student['id']}",
    ]


def test_someone_both_teacher_and_student_signs_in_as_teacher(
    clever: respx.MockRouter, identity: AuthlibCleverIdentity
) -> None:
    both = StudentFactory(roles={"student": StudentRoleFactory(), "teacher": {"schools": []}})
    serve_user(clever, both)

    assert identity.identify("user-token").role == "teacher"


def test_other_roles_are_named_so_the_login_can_be_refused(
    clever: respx.MockRouter, identity: AuthlibCleverIdentity
) -> None:
    admin = StudentFactory(roles={"district_admin": {"title": "IT"}, "student": None})
    serve_user(clever, admin)

    assert identity.identify("user-token").role == "district_admin"


def test_a_district_token_is_not_a_person(
    clever: respx.MockRouter, identity: AuthlibCleverIdentity
) -> None:
    clever.get("/v3.0/me").mock(
        return_value=httpx.Response(200, json={"type": "district", "data": {"id": "d1"}})
    )

    with pytest.raises(CleverAuthError):
        identity.identify("district-token")


@pytest.mark.parametrize(
    "user_change",
    [{"roles": {}}, {"name": ["Lia"]}, {"district": None, "email": 5}],
)
def test_an_unreadable_user_record_is_a_failed_login_not_a_guess(
    clever: respx.MockRouter, identity: AuthlibCleverIdentity, user_change: dict
) -> None:
    serve_user(clever, StudentFactory(**user_change))

    with pytest.raises(CleverResponseInvalid):
        identity.identify("user-token")


def test_an_expired_user_token_is_an_auth_error(
    clever: respx.MockRouter, identity: AuthlibCleverIdentity
) -> None:
    clever.get("/v3.0/me").mock(return_value=httpx.Response(401))

    with pytest.raises(CleverAuthError):
        identity.identify("expired")
    assert len(clever.calls) == 1
