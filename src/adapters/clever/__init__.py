"""Clever adapters: the Data API roster source, OAuth/OIDC and the user identity, on httpx."""

from adapters.clever.directory import HttpxCleverDirectory
from adapters.clever.errors import (
    CleverRateLimited,
    CleverResponseInvalid,
    NoDistrictToken,
)
from adapters.clever.http import CleverHttp
from adapters.clever.identity import HttpxCleverIdentity
from adapters.clever.oauth import HttpxCleverOAuth
from adapters.clever.retry import RetryPolicy
from adapters.clever.tokens import (
    DistrictTokenProvider,
    RefreshableDistrictTokens,
    StoredDistrictTokens,
)

__all__ = [
    "CleverHttp",
    "CleverRateLimited",
    "CleverResponseInvalid",
    "DistrictTokenProvider",
    "HttpxCleverDirectory",
    "HttpxCleverIdentity",
    "HttpxCleverOAuth",
    "NoDistrictToken",
    "RefreshableDistrictTokens",
    "RetryPolicy",
    "StoredDistrictTokens",
]
