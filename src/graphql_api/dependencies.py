"""What the web app needs from the composition root (bootstrap fills it in)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from starsessions import SessionStore

from application.accounts import LinkAccount, PasswordLogin, SignUp, SSOLogin
from application.approve_held_sync import ApproveHeldSync
from application.demographics_audit import DemographicsAudit
from application.explain_student import ExplainStudent
from application.keep_class import KeepClassAfterTerm
from application.ports import (
    CleverIdentity,
    Clock,
    OAuthStateStore,
    RosterReader,
    SessionRevoker,
    UnitOfWorkFactory,
)
from application.preview_sync import PreviewSync
from application.rename_class import RenameClass
from application.request_sync import RequestSync
from application.roster_decisions import DecideRoster
from graphql_api.answers import RememberedAnswers
from graphql_api.auth.throttle import SignInThrottle


@dataclass(frozen=True)
class WebConfig:
    production: bool
    secret_key: str
    public_url: str
    clever_client_id: str | None
    clever_client_secret: str | None
    graphql_max_body_bytes: int = 64 * 1024
    form_max_body_bytes: int = 16 * 1024
    # ROSTERSYNC_METRICS_TOKEN: in production /metrics answers only this bearer token.
    metrics_token: str | None = None

    @property
    def https(self) -> bool:
        return self.public_url.startswith("https://")


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
    # Counts failed sign-ins and sign-ups (in this process unless given a shared store).
    sign_in_throttle: SignInThrottle = field(default_factory=SignInThrottle)
    # Signed-in sessions: the store starsessions reads and writes, and the same store ending
    # every session of an account ("sign out everywhere"). Bootstrap gives both.
    sessions: SessionStore | None = None
    revoker: SessionRevoker | None = None
    # Which reads need new demographics audit entries, and their log (bootstrap gives it).
    audit: DemographicsAudit | None = None
    # Answers of roster queries, by viewer, roster version and request; None remembers none.
    answers: RememberedAnswers | None = field(default_factory=RememberedAnswers)

    @property
    def demographics_audit(self) -> DemographicsAudit:
        if self.audit is None:
            raise RuntimeError("the web app needs the demographics audit (bootstrap gives it)")
        return self.audit

    @property
    def session_store(self) -> SessionStore:
        if self.sessions is None:
            raise RuntimeError("the web app needs a session store (bootstrap gives one)")
        return self.sessions

    def end_sessions_of(self, account_id: int) -> int:
        if self.revoker is None:
            raise RuntimeError("the web app needs a session store that ends sessions")
        return self.revoker.end_sessions_of(account_id)
