"""A Clever identity that says some users hold another role (the sandbox has only teachers and
students), wrapped around the real one."""

from __future__ import annotations

from dataclasses import dataclass, field

from application.ports import CleverIdentity, CleverLogin


@dataclass
class RoleOverride:
    inner: CleverIdentity
    roles: dict[str, str] = field(default_factory=dict)

    def identify(self, access_token: str) -> CleverLogin:
        login = self.inner.identify(access_token)
        role = self.roles.get(login.clever_id)
        if role is None:
            return login
        return CleverLogin(login.clever_id, login.district_id, role, login.name, login.email)
