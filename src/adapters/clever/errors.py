"""Failures of the Clever adapter, refining the application's CleverError family."""

from __future__ import annotations

from application.errors import CleverAuthError, CleverUnavailable


class CleverRateLimited(CleverUnavailable):
    """Clever kept answering 429 after every retry we were willing to wait for."""


class CleverResponseInvalid(CleverUnavailable):
    """Clever answered, but not with the documented JSON envelope (HTML, truncated, wrong shape)."""


class NoDistrictToken(CleverAuthError):
    """The district has not shared data with the app, so there is no token to read it with."""
