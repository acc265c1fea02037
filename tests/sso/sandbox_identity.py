"""A CleverIdentity for tests: who an access token belongs to, read from the sandbox's /me."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from application.errors import CleverAuthError, CleverUnavailable
from application.ports import CleverIdentity, CleverLogin

# One CA bundle for every client: loading it costs ~0.1 s per client.
TLS = httpx.create_ssl_context()


class SandboxCleverIdentity:
    def __init__(self, api_url: str, version: str = "v3.1") -> None:
        self.base = f"{api_url}/{version}"

    def identify(self, access_token: str) -> CleverLogin:
        bearer = {"Authorization": f"Bearer {access_token}"}
        with httpx.Client(headers=bearer, timeout=10, verify=TLS) as http:
            me = self._data(http, f"{self.base}/me")
            user = self._data(http, f"{self.base}/users/{me['id']}")
        roles = user.get("roles") or {}
        role = next((r for r in ("teacher", "student") if r in roles), next(iter(roles), ""))
        name = user.get("name") or {}
        return CleverLogin(
            clever_id=str(me["id"]),
            district_id=str(me["district"]),
            role=role,
            name=" ".join(part for part in (name.get("first"), name.get("last")) if part),
            email=user.get("email") or None,
        )

    @staticmethod
    def _data(http: httpx.Client, url: str) -> dict[str, object]:
        response = http.get(url)
        if response.status_code == 401:
            raise CleverAuthError("Clever refused the token")
        if response.status_code != 200:
            raise CleverUnavailable(f"Clever answered {response.status_code}")
        data = response.json()["data"]
        assert isinstance(data, dict)
        return data


@dataclass
class RoleOverride:
    """Clever says these users hold another role (the sandbox only has teachers and students)."""

    inner: CleverIdentity
    roles: dict[str, str] = field(default_factory=dict)

    def identify(self, access_token: str) -> CleverLogin:
        login = self.inner.identify(access_token)
        role = self.roles.get(login.clever_id)
        if role is None:
            return login
        return CleverLogin(login.clever_id, login.district_id, role, login.name, login.email)
