"""HttpxCleverEvents: Clever's Events API (application.ports.CleverEvents) with district tokens."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import replace

from adapters.clever.directory import HttpxCleverDirectory
from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.event_fold import EventFold
from adapters.clever.listing import unwrap
from adapters.clever.record_lookup import read_people, read_sections
from adapters.clever.terms import read_terms
from application.clever_events import DistrictChanges
from domain.snapshot import CleverSection, RosterSnapshot

log = logging.getLogger(__name__)


class HttpxCleverEvents:
    """Shares the directory's connection pool, page size and token handling."""

    def __init__(self, directory: HttpxCleverDirectory) -> None:
        self.directory = directory
        self.api = directory.api

    def newest_event_id(self, district_id: str) -> str | None:
        """``ending_before=last&limit=1``: Clever's way to ask for the newest event alone."""
        params = {"ending_before": "last", "limit": "1"}

        def newest(token: str) -> str | None:
            body = self.api.http.get(f"{self.api.base_url}/events", bearer=token, params=params)
            data = body.get("data")
            if not isinstance(data, list):
                raise CleverResponseInvalid("Clever GET /events: answered without a data list")
            if not data:
                return None
            event, _ = unwrap(data[-1])
            event_id = event.get("id") if event else None
            if not isinstance(event_id, str) or not event_id:
                raise CleverResponseInvalid("Clever GET /events: an event without an id")
            return event_id

        return self.directory.as_district(district_id, newest)

    def changes_after(self, district_id: str, cursor: str | None) -> DistrictChanges:
        """Read page by page; only the newest state of each record is kept."""

        def read(token: str) -> DistrictChanges:
            fold = EventFold(district_id)
            params = {"starting_after": cursor} if cursor else None
            for item in self.api.items("/events", token, params):
                fold.add(item)
            if not fold.needs_terms:
                return fold.changes()
            # Term problems are the full sync's to report: an events sync only uses the terms.
            return replace(fold.changes(), terms=read_terms(self.api, token).records)

        changes = self.directory.as_district(district_id, read)
        log.info(
            "Clever events: %d sections changed, %d gone, %d people changed, %d gone",
            len(changes.sections),
            len(changes.deleted_section_ids),
            len(changes.people),
            len(changes.deleted_person_ids),
        )
        return changes

    def current_sections(self, district_id: str, section_ids: Collection[str]) -> RosterSnapshot:
        return self.directory.as_district(
            district_id, lambda token: read_sections(self.api, token, district_id, section_ids)
        )

    def current_people(
        self, district_id: str, person_ids: Collection[str], sections: Collection[CleverSection]
    ) -> RosterSnapshot:
        return self.directory.as_district(
            district_id,
            lambda token: read_people(self.api, token, district_id, person_ids, sections),
        )
