"""Clever ports: the roster source, its events, who signed in, and the Clever secrets kept."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from application.clever_events import DistrictChanges
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection, ListedStudents, RosterSnapshot
from domain.term import Term


class CleverDirectory(Protocol):
    """The roster source: Clever's Data API read with district-app tokens."""

    def find_person(self, clever_id: str) -> CleverPerson | None:
        """A teacher or student by Clever id, in any connected district; None if unknown."""
        ...

    def teacher_roster(
        self, district_id: str, teacher_id: str, known_section_ids: Collection[str]
    ) -> RosterSnapshot:
        """The teacher's sections with their teachers and students. Known sections the teacher
        is no longer listed on come back too; those Clever no longer has are in gone_section_ids."""
        ...

    def pull_district(self, district_id: str) -> PulledDistrict:
        """Every section, teacher and student of a district, pulled in bulk and kept aside
        (not in memory) to be read a part at a time; the caller closes it."""
        ...

    def school_district(self, school_id: str) -> str | None:
        """The district of a school, by the school's Clever id; None if no district shares it."""
        ...

    def connected_district_ids(self) -> list[str]:
        """Districts that have shared data with the app (one district-app token each)."""
        ...

    def students_listed_now(self, district_id: str, section_id: str) -> ListedStudents | None:
        """One request: the students Clever lists in this section now; None when Clever no
        longer has or shares the section."""
        ...

    def has_person_now(self, district_id: str, person_id: str) -> bool:
        """One request: whether Clever has a record of this person in the district now."""
        ...


@dataclass(frozen=True, slots=True)
class DistrictPart:
    """Some of a pulled district. Each section and problem comes with its place in the bulk
    pull, so parts read apart line up in the order of the whole."""

    sections: tuple[tuple[int, CleverSection], ...] = ()
    people: Mapping[str, CleverPerson] = field(default_factory=dict)
    problems: tuple[tuple[int, Problem], ...] = ()


class PulledDistrict(Protocol):
    """A district as one bulk pull listed it. ``complete`` is false when the pull was cut
    short (nothing may then be archived); ``terms`` are the district's terms by id."""

    @property
    def complete(self) -> bool: ...

    @property
    def terms(self) -> Mapping[str, Term]: ...

    def part(self, teacher_ids: Collection[str], section_ids: Collection[str]) -> DistrictPart:
        """The sections listing one of ``teacher_ids`` or with one of ``section_ids``; the
        records of those teachers and of everyone those sections list; and the problems of
        every one of these ids (an unreadable section's among them)."""
        ...

    def close(self) -> None:
        """Lets go of what the pull kept."""
        ...


class CleverEvents(Protocol):
    """Clever's Events API for one district, and the current records its events point at."""

    def newest_event_id(self, district_id: str) -> str | None:
        """The district's newest event id; None when Clever lists no events for it."""
        ...

    def changes_after(self, district_id: str, cursor: str | None) -> DistrictChanges:
        """Every event after the cursor (all of them for None), folded. Raises CleverNotFound
        or CleverBadRequest when Clever no longer knows the cursor."""
        ...

    def current_sections(self, district_id: str, section_ids: Collection[str]) -> RosterSnapshot:
        """These sections as Clever has them now; those it no longer has are gone_section_ids."""
        ...

    def current_people(
        self, district_id: str, person_ids: Collection[str], sections: Collection[CleverSection]
    ) -> RosterSnapshot:
        """These teachers and students as Clever has them now (unknown ones are left out);
        ``sections`` name where they are listed, so a section's users can be read at once."""
        ...


@dataclass(frozen=True, slots=True)
class CleverLogin:
    """Who signed in with Clever, as Clever says (never matched by email)."""

    clever_id: str
    district_id: str
    role: str
    name: str
    email: str | None = None
    school_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SignInCapabilities:
    """What Clever's sign-in offers now: OpenID Connect (a signed id_token), PKCE (S256)."""

    openid: bool
    pkce: bool


@dataclass(frozen=True, slots=True)
class CleverTokens:
    """What a sign-in's code was traded for."""

    access_token: str
    subject: str | None  # the id_token's verified `sub`; None for plain OAuth


class CleverIdentity(Protocol):
    """Clever's OAuth side: where a sign-in starts, its code traded for tokens, and who an
    access token belongs to. A sign-in's state, nonce and PKCE verifier are the caller's to
    keep server-side; an empty nonce means plain OAuth, an empty verifier no PKCE."""

    async def capabilities(self) -> SignInCapabilities:
        """OpenID when Clever's discovery document can be read (PKCE when it lists S256)."""
        ...

    async def authorization_url(
        self, *, state: str, nonce: str, code_verifier: str, district_id: str | None
    ) -> str:
        """Clever's authorize page for this sign-in (``district_id`` skips the district picker)."""
        ...

    async def exchange(self, code: str, *, nonce: str, code_verifier: str) -> CleverTokens:
        """The code traded for tokens, the id_token checked against the nonce. Raises
        CleverAuthError when Clever's answer does not prove who signed in, CleverUnavailable
        when Clever cannot be asked."""
        ...

    def identify(self, access_token: str) -> CleverLogin: ...


class CleverTokenStore(Protocol):
    """District-app tokens (the only Clever tokens the service uses), encrypted at rest by the
    adapter. People's own Clever tokens are never kept: nothing reads them."""

    def save_district_token(self, district_id: str, token: str) -> None:
        """Keep this token for the district; writes nothing when it is the one already kept."""
        ...

    def district_tokens(self) -> dict[str, str]: ...


class OAuthStateStore(Protocol):
    """Short-lived, single-use OAuth state kept server-side, and codes already exchanged."""

    def put(
        self,
        state: str,
        data: dict[str, str],
        ttl_seconds: int,
        *,
        browser: str,
        client: str,
        client_limit: int,
    ) -> None:
        """Keep the state for this browser. A client (an address) keeps at most
        ``client_limit`` unexpired states: its oldest beyond that are dropped."""
        ...

    def take(self, state: str, browser: str) -> dict[str, str] | None:
        """The data stored under this state for this browser, once; None if unknown, used,
        expired or another browser's (whose state is then left as it was)."""
        ...

    def first_use_of_code(self, code_digest: str, ttl_seconds: int) -> bool:
        """True the first time a (hashed) authorization code is seen, False on a replay."""
        ...
