"""Failures the use cases understand, raised by the adapters behind the ports."""


class CleverError(Exception):
    """Clever could not give a usable answer."""


class CleverUnavailable(CleverError):
    """Clever is down, rate-limiting past our patience, or answered with something unreadable."""


class CleverAuthError(CleverError):
    """Clever refused our credentials or token."""


class CleverNotFound(CleverError):
    """Clever has no such record (or no longer shares it)."""


class CleverBadRequest(CleverError):
    """Clever rejected the request itself; retrying will not help."""


class ActiveRunExists(Exception):
    """A queued or running sync already exists for this teacher (enforced by storage)."""
