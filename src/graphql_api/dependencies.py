"""What the web app needs from the composition root (bootstrap fills it in)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from application.accounts import LinkAccount, PasswordLogin, SignUp, SSOLogin
from application.approve_held_sync import ApproveHeldSync
from application.explain_student import ExplainStudent
from application.keep_class import KeepClassAfterTerm
from application.ports import (
    CleverIdentity,
    Clock,
    OAuthStateStore,
    RosterReader,
    UnitOfWorkFactory,
)
from application.preview_sync import PreviewSync
from application.rename_class import RenameClass
from application.request_sync import RequestSync
from application.roster_decisions import DecideRoster
from graphql_api.auth.throttle import SignInThrottle
from graphql_api.cache import ResponseCache


@dataclass(frozen=True)
class WebConfig:
    production: bool
    secret_key: str
    public_url: str
    clever_client_id: str | None
    clever_client_secret: str | None
    clever_oauth_url: str
    clever_api_url: str
    clever_api_version: str
    # ROSTERSYNC_METRICS_TOKEN: in production /metrics answers only this bearer token.
    metrics_token: str | None = None

    @property
    def https(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def clever_redirect_uri(self) -> str:
        return f"{self.public_url}/auth/clever/callback"


@dataclass
class WebDependencies:
    config: WebConfig
    uow: UnitOfWorkFactory
    reader: RosterReader
    request_sync: RequestSync
    preview_sync: PreviewSync
    approve_held_sync: ApproveHeldSync
    rename_class: RenameClass
    keep_class_after_term: KeepClassAfterTerm
    decide_roster: DecideRoster
    sign_up: SignUp
    password_login: PasswordLogin
    sso_login: SSOLogin
    link_account: LinkAccount
    oauth_states: OAuthStateStore
    clever_identity: CleverIdentity
    explain_student: ExplainStudent
    # Dates the Premium check and stamps the demographics audit.
    clock: Clock
    # Extra readiness probes (database, broker): each raises when its dependency is down.
    readiness_checks: dict[str, Callable[[], None]] = field(default_factory=dict)
    # Answers repeated roster queries while the roster is unchanged; None turns caching off.
    response_cache: ResponseCache | None = None
    # Counts failed sign-ins and sign-ups (in this process unless given a shared store).
    sign_in_throttle: SignInThrottle = field(default_factory=SignInThrottle)
