"""Clever sandbox helpers for the worker tests: teachers, their sections, scripted changes."""

from __future__ import annotations

from cryptography.fernet import Fernet

import bootstrap
from adapters.settings import Settings
from application.accounts import LoginResult, SSOLogin
from application.ports import CleverLogin
from application.premium_grants import GrantPremiumCommand
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope


def service_settings(
    database_url: str, broker_url: str, clever_url: str, sandbox: Sandbox
) -> Settings:
    return Settings(
        database_url=database_url,
        celery_broker_url=broker_url,
        clever_api_url=clever_url,
        clever_oauth_url=clever_url,
        clever_client_id=sandbox.client_id,
        clever_client_secret=sandbox.client_secret,
        env="test",
        secret_key=Fernet.generate_key().decode(),
        token_key=Fernet.generate_key().decode(),
    )


def as_environment(settings: Settings) -> dict[str, str]:
    values = {
        "DATABASE_URL": settings.database_url,
        "CELERY_BROKER_URL": settings.celery_broker_url,
        "CLEVER_API_URL": settings.clever_api_url,
        "CLEVER_OAUTH_URL": settings.clever_oauth_url,
        "CLEVER_CLIENT_ID": settings.clever_client_id,
        "CLEVER_CLIENT_SECRET": settings.clever_client_secret,
        "ENV": settings.env,
        "SECRET_KEY": settings.secret_key,
        "TOKEN_KEY": settings.token_key,
    }
    return {f"ROSTERSYNC_{key}": value for key, value in values.items() if value is not None}


def primary_teachers(sandbox: Sandbox, count: int) -> list[str]:
    """Teachers who own at least one section, in a stable order."""
    owners: list[str] = []
    for section in sandbox.sections():
        owner = section.get("teacher")
        if isinstance(owner, str) and owner not in owners:
            owners.append(owner)
    assert len(owners) >= count, f"the sandbox has only {len(owners)} section owners"
    return owners[:count]


def sections_of(sandbox: Sandbox, teacher_id: str) -> dict[str, list[str]]:
    """Section id -> student ids, for every section listing the teacher."""
    return {
        s["id"]: sorted(s.get("students") or [])
        for s in sandbox.sections()
        if teacher_id in (s.get("teachers") or [])
    }


def change_one_section_each(sandbox: Sandbox, teacher_ids: list[str]) -> None:
    """A newcomer enrolled and one student dropped in a section owned by each teacher."""
    for teacher_id in teacher_ids:
        section = next(s for s in sandbox.sections() if s.get("teacher") == teacher_id)
        newcomer = sandbox.add_student(section["district"], school_id=section["school"])
        sandbox.enroll(section["id"], newcomer)
        sandbox.drop(section["id"], section["students"][0])


def grant_district(services: bootstrap.Services, sandbox: Sandbox) -> str:
    district_id = sandbox.districts[0]
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district_id))
    return district_id


def sign_in(services: bootstrap.Services, sandbox: Sandbox, teacher_id: str) -> int:
    login = CleverLogin(teacher_id, sandbox.districts[0], "teacher", "A Teacher")
    result = SSOLogin(services.uow)(login)
    assert isinstance(result, LoginResult), result
    assert result.account.id is not None
    return result.account.id
