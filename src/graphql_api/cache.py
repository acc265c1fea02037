"""A response cache for unchanged rosters: the JSON of a successful roster query, kept per
viewer and request body and valid only while the roster version and the viewer are unchanged.

Bounded like an LRU by entries and by bytes. It lives in one process and is used from the event
loop only (no locks); other processes' writes reach it through the version each hit reads.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from application.ports import TeacherRosterView, VersionedViewer, ViewerView
from domain.accounts import Role

# Rough per-entry bookkeeping (key, entry, dict slot) and per revealed student id, in bytes.
ENTRY_OVERHEAD = 512
ID_OVERHEAD = 80


@dataclass(frozen=True, slots=True)
class CacheKey:
    account_id: int
    role: Role
    request_digest: bytes  # of the raw body: the query, its variables and operation name


@dataclass(slots=True)
class CachedAnswer:
    roster_version: int
    viewer: ViewerView
    body: bytes
    revealed: tuple[str, ...]  # students whose demographics the answer shows
    audited_at: datetime | None  # the latest audit record written for those students
    audit_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def size(self) -> int:
        return ENTRY_OVERHEAD + len(self.body) + sum(len(s) + ID_OVERHEAD for s in self.revealed)

    def answers(self, current: VersionedViewer) -> bool:
        return current.roster_version == self.roster_version and current.viewer == self.viewer

    def audit_due(self, now: datetime, window: timedelta) -> bool:
        return bool(self.revealed) and (self.audited_at is None or now - self.audited_at >= window)


@dataclass(frozen=True)
class CacheLimits:
    max_entries: int = 2_000
    max_bytes: int = 64 * 1024 * 1024
    max_answer_bytes: int = 2 * 1024 * 1024
    max_request_bytes: int = 16 * 1024
    # Every answer showing demographics is covered by audit rows written before it is sent.
    # A read of the same students by the same viewer within the window of the last rows (an
    # identical answer repeated, or another query over the same roster) is covered by them:
    # who saw whose demographics, to the minute. Zero writes rows for every read.
    audit_window: timedelta = timedelta(seconds=60)
    remembered_verdicts: int = 1_000
    remembered_rosters: int = 1_000


RosterKey = tuple[str, bool]  # (teacher id, with archived classes)


class ResponseCache:
    def __init__(self, limits: CacheLimits | None = None) -> None:
        self.limits = limits or CacheLimits()
        # A teacher's roster as read at a roster version: any query over it at that version
        # needs no read (the answer is still built, and its demographics still audited).
        self._rosters: OrderedDict[RosterKey, tuple[int, TeacherRosterView]] = OrderedDict()
        # When a viewer's read of these students' demographics was last written down.
        self._audits: OrderedDict[tuple[int, tuple[str, ...]], datetime] = OrderedDict()
        self._answers: OrderedDict[CacheKey, CachedAnswer] = OrderedDict()
        self._bytes = 0
        self._verdicts: OrderedDict[bytes, bool] = OrderedDict()
        self._query_verdicts: OrderedDict[bytes, bool] = OrderedDict()
        self._viewers: OrderedDict[int, tuple[int, VersionedViewer]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def get(self, key: CacheKey, current: VersionedViewer) -> CachedAnswer | None:
        """The answer for this key if it is still true now; a stale one is dropped."""
        answer = self._answers.get(key)
        if answer is None:
            return None
        if not answer.answers(current):
            self._remove(key)
            return None
        self._answers.move_to_end(key)
        return answer

    def put(self, key: CacheKey, answer: CachedAnswer) -> None:
        self._remove(key)
        if len(answer.body) > self.limits.max_answer_bytes:
            return
        self._answers[key] = answer
        self._bytes += answer.size
        while self._answers and (
            len(self._answers) > self.limits.max_entries or self._bytes > self.limits.max_bytes
        ):
            self._remove(next(iter(self._answers)))

    def clear(self) -> None:
        self._answers.clear()
        self._bytes = 0

    def verdict(self, request_digest: bytes) -> bool | None:
        """Whether a request body with this digest was judged cacheable, if it was seen."""
        return self._verdicts.get(request_digest)

    def remember_verdict(self, request_digest: bytes, cacheable: bool) -> None:
        _keep_newest(self._verdicts, request_digest, cacheable, self.limits.remembered_verdicts)

    def query_verdict(self, query_digest: bytes) -> bool | None:
        """Whether a query text with this digest was judged a roster query, if it was seen."""
        return self._query_verdicts.get(query_digest)

    def remember_query_verdict(self, query_digest: bytes, cacheable: bool) -> None:
        limit = self.limits.remembered_verdicts
        _keep_newest(self._query_verdicts, query_digest, cacheable, limit)

    def known_viewer(self, account_id: int, change_marker: int) -> VersionedViewer | None:
        """The version and viewer last read for this account, if nothing was committed since
        (the storage's change marker is the one read just before them)."""
        known = self._viewers.get(account_id)
        return known[1] if known is not None and known[0] == change_marker else None

    def remember_viewer(self, change_marker: int, current: VersionedViewer) -> None:
        """``change_marker`` must have been read before ``current``."""
        account_id = current.viewer.account_id
        _keep_newest(self._viewers, account_id, (change_marker, current), self.limits.max_entries)

    def roster(self, key: RosterKey, roster_version: int) -> TeacherRosterView | None:
        known = self._rosters.get(key)
        if known is None or known[0] != roster_version:
            return None
        self._rosters.move_to_end(key)
        return known[1]

    def remember_roster(
        self, key: RosterKey, roster_version: int, roster: TeacherRosterView
    ) -> None:
        limit = self.limits.remembered_rosters
        _keep_newest(self._rosters, key, (roster_version, roster), limit)

    def audit_covering(
        self, account_id: int, student_ids: tuple[str, ...], now: datetime
    ) -> datetime | None:
        """When this viewer's read of these students was written down, if within the audit
        window: a read now is covered by it (the same rule as for a repeated answer)."""
        at = self._audits.get((account_id, student_ids))
        if at is None or now - at >= self.limits.audit_window:
            return None
        return at

    def note_audit(self, account_id: int, student_ids: tuple[str, ...], at: datetime) -> None:
        limit = self.limits.remembered_rosters
        _keep_newest(self._audits, (account_id, student_ids), at, limit)

    def _remove(self, key: CacheKey) -> None:
        answer = self._answers.pop(key, None)
        if answer is not None:
            self._bytes -= answer.size


K = TypeVar("K")
V = TypeVar("V")


def _keep_newest(store: OrderedDict[K, V], key: K, value: V, limit: int) -> None:
    """Remember ``value`` as the newest entry, forgetting the oldest beyond ``limit``."""
    store[key] = value
    store.move_to_end(key)
    while len(store) > limit:
        store.popitem(last=False)
