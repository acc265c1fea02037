"""A whole district in memory, for tests that look at everything a pull read."""

from __future__ import annotations

from contextlib import closing

from adapters.clever import HttpxCleverDirectory
from domain.snapshot import RosterSnapshot


def whole_district(directory: HttpxCleverDirectory, district_id: str) -> RosterSnapshot:
    with closing(directory.pull_district(district_id)) as pulled:
        return pulled.whole()
