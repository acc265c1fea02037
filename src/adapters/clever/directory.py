"""HttpxCleverDirectory: the roster source (application.ports.CleverDirectory) over Clever's Data API."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from functools import partial
from typing import TypeVar

from adapters.clever.api import DataApi, segment
from adapters.clever.district_roster import pull_district_roster
from adapters.clever.district_spill import SpilledDistrict
from adapters.clever.errors import NoDistrictToken
from adapters.clever.fields import Fields, Malformed
from adapters.clever.http import CleverHttp
from adapters.clever.paging import MAX_PAGE_SIZE
from adapters.clever.records import person_from
from adapters.clever.section_now import has_person, read_listed_students
from adapters.clever.teacher_roster import read_teacher_roster
from adapters.clever.tokens import DistrictTokenProvider, RefreshableDistrictTokens
from application.errors import CleverAuthError, CleverError, CleverNotFound
from domain.snapshot import CleverPerson, ListedStudents, RosterSnapshot

log = logging.getLogger(__name__)
R = TypeVar("R")


class HttpxCleverDirectory:
    def __init__(
        self,
        api_url: str,
        tokens: DistrictTokenProvider,
        version: str = "v3.1",
        *,
        page_size: int = MAX_PAGE_SIZE,
        http: CleverHttp | None = None,
    ) -> None:
        self._owns_http = http is None
        self.http = http or CleverHttp()
        self.api = DataApi(self.http, api_url, version, page_size)
        self.tokens = tokens

    def find_person(self, clever_id: str) -> CleverPerson | None:
        """Asked of every connected district; None only when each one answered 404."""
        failures: list[CleverError] = []
        for district_id in self.connected_district_ids():
            path = f"/users/{segment(clever_id)}"
            try:
                record = self._as_district(district_id, partial(self.api.record, path))
            except CleverNotFound:
                continue
            except CleverError as exc:
                failures.append(exc)
                continue
            try:
                return person_from(Fields(record), district_id)
            except Malformed as exc:
                log.warning("Clever user record unreadable (%s: %s)", exc.field, exc.message)
                return None
        if failures:
            raise failures[0]
        return None

    def teacher_roster(
        self, district_id: str, teacher_id: str, known_section_ids: Collection[str]
    ) -> RosterSnapshot:
        return self._as_district(
            district_id,
            lambda token: read_teacher_roster(
                self.api, token, district_id, teacher_id, known_section_ids
            ),
        )

    def pull_district(self, district_id: str) -> SpilledDistrict:
        return self._as_district(
            district_id, lambda token: pull_district_roster(self.api, token, district_id)
        )

    def school_district(self, school_id: str) -> str | None:
        """Asked of every connected district, like find_person."""
        failures: list[CleverError] = []
        for district_id in self.connected_district_ids():
            path = f"/schools/{segment(school_id)}"
            try:
                self._as_district(district_id, partial(self.api.record, path))
            except CleverNotFound:
                continue
            except CleverError as exc:
                failures.append(exc)
                continue
            return district_id
        if failures:
            raise failures[0]
        return None

    def connected_district_ids(self) -> list[str]:
        return sorted(self.tokens.district_tokens())

    def students_listed_now(self, district_id: str, section_id: str) -> ListedStudents | None:
        return self._as_district(
            district_id,
            lambda token: read_listed_students(self.api, token, district_id, section_id),
        )

    def has_person_now(self, district_id: str, person_id: str) -> bool:
        return self._as_district(district_id, lambda token: has_person(self.api, token, person_id))

    def close(self) -> None:
        """Closes the connection pool if this directory made it; a shared one is the caller's."""
        if self._owns_http:
            self.http.close()

    def as_district(self, district_id: str, call: Callable[[str], R]) -> R:
        """Run ``call(token)`` with the district's token, as the directory's own reads do."""
        return self._as_district(district_id, call)

    def _as_district(self, district_id: str, call: Callable[[str], R]) -> R:
        """Run with the district's token; when Clever refuses it, once more with a fresh one."""
        token = self._token(district_id)
        try:
            return call(token)
        except CleverAuthError:
            if not isinstance(self.tokens, RefreshableDistrictTokens):
                raise
            self.tokens.forget_district_tokens()
            fresh = self._token(district_id)
            if fresh == token:
                raise
            log.info("Clever refused a district token; retrying with a refreshed one")
            return call(fresh)

    def _token(self, district_id: str) -> str:
        token = self.tokens.district_tokens().get(district_id)
        if not token:
            raise NoDistrictToken(f"district {district_id} has not shared data with this app")
        return token
