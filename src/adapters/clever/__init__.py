"""Clever adapters: the Data API roster source and the district tokens, on httpx.

The sign-in (OAuth/OpenID Connect through Authlib, and who signed in) is
``adapters.clever.identity``, imported by the web app's wiring only."""

from adapters.clever.directory import HttpxCleverDirectory
from adapters.clever.errors import (
    CleverRateLimited,
    CleverResponseInvalid,
    NoDistrictToken,
)
from adapters.clever.http import CleverHttp
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
    "HttpxCleverOAuth",
    "NoDistrictToken",
    "RefreshableDistrictTokens",
    "RetryPolicy",
    "StoredDistrictTokens",
]
