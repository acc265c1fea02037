"""A Clever identity that says some users hold another role (the sandbox has only teachers and
students), wrapped around the real one."""

from __future__ import annotations

from dataclasses import dataclass, field

from application.ports import CleverIdentity, CleverLogin, CleverTokens, SignInCapabilities


@dataclass
class RoleOverride:
    inner: CleverIdentity
    roles: dict[str, str] = field(default_factory=dict)

    async def capabilities(self) -> SignInCapabilities:
        return await self.inner.capabilities()

    async def authorization_url(
        self, *, state: str, nonce: str, code_verifier: str, district_id: str | None
    ) -> str:
        return await self.inner.authorization_url(
            state=state, nonce=nonce, code_verifier=code_verifier, district_id=district_id
        )

    async def exchange(self, code: str, *, nonce: str, code_verifier: str) -> CleverTokens:
        return await self.inner.exchange(code, nonce=nonce, code_verifier=code_verifier)

    def identify(self, access_token: str) -> CleverLogin:
        login = self.inner.identify(access_token)
        role = self.roles.get(login.clever_id)
        if role is None:
            return login
        return CleverLogin(login.clever_id, login.district_id, role, login.name, login.email)
