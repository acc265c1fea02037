"""Where district-app tokens come from: Clever's token list, optionally kept in a CleverTokenStore."""

from __future__ import annotations

import logging
import threading
from typing import Protocol, runtime_checkable

from application.errors import CleverUnavailable
from application.ports import CleverTokenStore

log = logging.getLogger(__name__)


class DistrictTokenProvider(Protocol):
    def district_tokens(self) -> dict[str, str]:
        """District id -> district-app access token."""
        ...


@runtime_checkable
class RefreshableDistrictTokens(Protocol):
    def district_tokens(self) -> dict[str, str]: ...

    def forget_district_tokens(self) -> None:
        """Drop cached tokens so the next call asks Clever again (after Clever refused one)."""
        ...


class StoredDistrictTokens:
    """Clever's list, written through to the token store; the stored copy serves while Clever is down."""

    def __init__(self, clever: RefreshableDistrictTokens, store: CleverTokenStore) -> None:
        self.clever = clever
        self.store = store
        self._written: dict[str, str] = {}
        self._mutex = threading.Lock()

    def district_tokens(self) -> dict[str, str]:
        try:
            tokens = self.clever.district_tokens()
        except CleverUnavailable:
            stored = self.store.district_tokens()
            if not stored:
                raise
            log.warning(
                "Clever token list unavailable; using %d stored district tokens", len(stored)
            )
            return stored
        with self._mutex:
            if tokens != self._written:
                if not self._written:
                    self._written = self._stored()
                for district_id, token in tokens.items():
                    if self._written.get(district_id) != token:
                        self.store.save_district_token(district_id, token)
                self._written = dict(tokens)
        return tokens

    def forget_district_tokens(self) -> None:
        self.clever.forget_district_tokens()

    def _stored(self) -> dict[str, str]:
        """What a process finds stored when it first reads Clever's list: one read, so that
        only the tokens that changed are written (not one look-up per connected district)."""
        try:
            return self.store.district_tokens()
        except ValueError:  # a token under a retired key: each one is compared as it is saved
            return {}
